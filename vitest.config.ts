import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@': path.resolve(__dirname) },
  },
  test: {
    include: ['lib/**/*.test.ts', 'realtime/test/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // next-auth imports 'next/server' without an extension, which Node's ESM loader refuses; Vite resolves it.
    server: { deps: { inline: ['next-auth'] } },
    testTimeout: 20_000,
    // Opening an embedded database (PGlite) takes seconds, and several test files open theirs at once.
    hookTimeout: 120_000,
    // Integration tests start real servers on ephemeral ports; keep the 2-core machine from oversubscribing.
    maxWorkers: 2,
  },
});
