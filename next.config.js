// @ts-check

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
};

module.exports = nextConfig;
