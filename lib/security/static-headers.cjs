// @ts-check
/**
 * Security headers on every response (next.config.js hands them to Next; the Node front's own endpoints,
 * lib/pusher/front, send the same). Pages also get a Content-Security-Policy with a per-request nonce from
 * proxy.ts (lib/security/content-security-policy.ts); API answers are JSON and may load or frame nothing.
 * CommonJS so that next.config.js can require it as it is.
 */
const SECURITY_HEADERS = [
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  },
];
const API_CONTENT_SECURITY_POLICY = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" };

module.exports = { SECURITY_HEADERS, API_CONTENT_SECURITY_POLICY };
