import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `default` runs every test file; `redis-state` runs the realtime server's protocol suites a second
 * time, from the same files, on the Redis shared state (each test server a one-node cluster over a redis-server
 * of its own; realtime/test/helpers/shared-state.ts).
 */
const SUITES_ON_BOTH_STATES = [
  'realtime/test/presence.test.ts',
  'realtime/test/rest.test.ts',
  'realtime/test/client-events.test.ts',
  'realtime/test/webhooks.test.ts',
  'realtime/test/watchlist.test.ts',
  'realtime/test/signin.test.ts',
  'realtime/test/channels.test.ts',
  'realtime/test/cache-channels.test.ts',
  'realtime/test/member-cap.test.ts',
  'realtime/test/auth.test.ts',
  'realtime/test/multi-app.test.ts',
];

export default defineConfig({
  resolve: {
    alias: { '@': path.resolve(__dirname) },
  },
  test: {
    environment: 'node',
    // next-auth imports 'next/server' without an extension, which Node's ESM loader refuses; Vite resolves it.
    server: { deps: { inline: ['next-auth'] } },
    testTimeout: 20_000,
    // Opening an embedded database (PGlite) takes seconds, and several test files open theirs at once.
    hookTimeout: 120_000,
    // Integration tests start real servers on ephemeral ports; keep the 2-core machine from oversubscribing.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['lib/**/*.test.ts', 'realtime/test/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'redis-state', include: SUITES_ON_BOTH_STATES, env: { REALTIME_TEST_STATE: 'redis' } },
      },
    ],
  },
});
