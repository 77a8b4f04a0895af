import { defineConfig } from '@playwright/test';
import base, { E2E_APP_PORT } from './playwright.config';
import { E2E_REALTIME_KIND_ENV, e2eWebServers } from './e2e/support/web-servers';

/**
 * The presence scenarios against soketi (an independent Pusher-compatible server) instead of our own, by
 * configuration alone: the same build, the app in external mode, soketi with user authentication on.
 * `npm run test:e2e:soketi`; CI runs it as its own step after `npm test`.
 */
const SOKETI_E2E_PORT = Number(process.env.E2E_SOKETI_PORT ?? 6111);
// Tells the specs (Playwright's workers inherit the environment) which app credentials are in use.
process.env[E2E_REALTIME_KIND_ENV] = 'soketi';

export default defineConfig({
  ...base,
  // The harness gives soketi presence webhooks (scripts/e2e-realtime.ts), and lobby.spec.ts's webhook and
  // business-lobby tests pass against it, but its live-occupancy test timed out in the merged run (issue 10
  // stays open for it), so the lobby spec is not in this run yet.
  // presence-alive.spec.ts passed 4/4 against soketi, but the people it leaves in a room still counted ("4 here")
  // in presence.spec.ts's next test in that room on soketi; it joins this run once its rooms are isolated (issue 11).
  // people.spec.ts runs only its "live status unavailable" test here (soketi has no watchlist).
  testMatch: ['**/presence.spec.ts', '**/status.spec.ts', '**/business-room.spec.ts', '**/reconnect.spec.ts', '**/people.spec.ts'],
  outputDir: 'test-results/soketi',
  webServer: e2eWebServers({ realtime: 'soketi', appPort: E2E_APP_PORT, realtimePort: SOKETI_E2E_PORT, dataDir: '.data/e2e-soketi' }),
});
