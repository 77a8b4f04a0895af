// @ts-check

/**
 * Security headers on every response. Pages also get a Content-Security-Policy with a per-request nonce from
 * proxy.ts (lib/security/content-security-policy.ts); API answers are JSON and may load or frame nothing.
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

/** @type {import('next').NextConfig} */
const nextConfig = {
  // e2e builds go to their own folder so that a running `npm run dev` is never disturbed by `npm test`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // Native/WASM packages are loaded from node_modules at run time instead of being bundled.
  serverExternalPackages: ['@node-rs/argon2', '@electric-sql/pglite', 'pg'],
  // forbidden(): a business room answers non-members with a real HTTP 403 and its forbidden.tsx page.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      { source: '/api/:path*', headers: [API_CONTENT_SECURITY_POLICY] },
    ];
  },
};

module.exports = nextConfig;
