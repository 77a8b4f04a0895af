import { defineConfig } from '@playwright/test';
import base, { E2E_APP_PORT } from './playwright.config';
import { E2E_REALTIME_KIND_ENV, E2E_RUN_REALTIME_PORT_ENV, e2eWebServers } from './e2e/support/web-servers';

/**
 * The presence scenarios against soketi (an independent Pusher-compatible server) instead of our own, by
 * configuration alone: the same build, the app in external mode, soketi with user authentication on.
 * `npm run test:e2e:soketi`; CI runs it as its own step after `npm test`.
 */
const SOKETI_E2E_PORT = Number(process.env.E2E_SOKETI_PORT ?? 6111);
// Tells the specs (Playwright's workers inherit the environment) which app credentials are in use.
process.env[E2E_REALTIME_KIND_ENV] = 'soketi';
process.env[E2E_RUN_REALTIME_PORT_ENV] = String(SOKETI_E2E_PORT);

export default defineConfig({
  ...base,
  // The harness gives soketi the app's webhooks (scripts/e2e-realtime.ts), so the lobby and appear offline run too.
  // Every test in these specs that counts people uses a room of its own (or a seeded business room).
  // people.spec.ts runs only its "live status unavailable" tests here (soketi has no watchlist; one of them restarts
  // soketi without user authentication, as it ships).
  testMatch: [
    '**/presence.spec.ts',
    '**/presence-alive.spec.ts',
    '**/appear-offline.spec.ts',
    '**/lobby.spec.ts',
    '**/status.spec.ts',
    '**/business-room.spec.ts',
    '**/reconnect.spec.ts',
    '**/people.spec.ts',
    '**/room-switch.spec.ts',
  ],
  outputDir: 'test-results/soketi',
  webServer: e2eWebServers({ realtime: 'soketi', appPort: E2E_APP_PORT, realtimePort: SOKETI_E2E_PORT, dataDir: '.data/e2e-soketi' }),
});
