// @ts-check

// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is CommonJS, as Next loads it
const { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } = require('./lib/security/static-headers.cjs');

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
