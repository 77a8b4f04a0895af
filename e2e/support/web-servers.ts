import type { PlaywrightTestConfig } from '@playwright/test';

/**
 * The e2e servers: the realtime server runs on its own, under the control harness (scripts/e2e-realtime.ts)
 * so a spec can stop and start it, and the app runs in external mode pointing at it, exactly as it runs
 * against soketi or hosted Pusher. The embedded server gets fixed, loopback-only test credentials.
 */
export type RealtimeServerKind = 'embedded' | 'soketi';

/** Where a spec reaches the realtime harness's control API (POST /stop, POST /start). */
export const E2E_REALTIME_CONTROL_PORT = Number(process.env.E2E_REALTIME_CONTROL_PORT ?? 6199);

export const CREDENTIALS: Record<RealtimeServerKind, { id: string; key: string; secret: string }> = {
  embedded: { id: 'presently-e2e', key: 'presently-e2e-key', secret: 'presently-e2e-secret-loopback-only' },
  // soketi's run.sh configures exactly this app.
  soketi: { id: 'app-id', key: 'app-key', secret: 'app-secret' },
};

/** Set by a Playwright config that runs against another server (playwright.soketi.config.ts), for the specs. */
export const E2E_REALTIME_KIND_ENV = 'E2E_REALTIME_KIND';

/** Set with the soketi run's port by its Playwright config, for specs that talk to the realtime server themselves. */
export const E2E_RUN_REALTIME_PORT_ENV = 'E2E_RUN_REALTIME_PORT';

/** The app credentials of the realtime server this run uses, e.g. for a spec that signs its own webhooks. */
export function runCredentials(): { id: string; key: string; secret: string } {
  return CREDENTIALS[process.env[E2E_REALTIME_KIND_ENV] === 'soketi' ? 'soketi' : 'embedded'];
}

const BUILD_AND_START_TIMEOUT_MS = 600_000;
const E2E_SIGN_UPS_PER_ADDRESS = 10_000;
/** soketi may first need to npm-install itself. */
const REALTIME_START_TIMEOUT_MS = 180_000;

export function e2eWebServers(options: {
  realtime: RealtimeServerKind;
  appPort: number;
  realtimePort: number;
  dataDir: string;
}): NonNullable<PlaywrightTestConfig['webServer']> {
  const { realtime, appPort, realtimePort, dataDir } = options;
  const credentials = CREDENTIALS[realtime];
  const pusherEnv = { PUSHER_APP_ID: credentials.id, PUSHER_APP_KEY: credentials.key, PUSHER_APP_SECRET: credentials.secret };
  return [
    {
      command: 'tsx scripts/e2e-realtime.ts',
      url: `http://127.0.0.1:${E2E_REALTIME_CONTROL_PORT}/health`,
      timeout: REALTIME_START_TIMEOUT_MS,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        ...pusherEnv,
        E2E_REALTIME_SERVER: realtime,
        REALTIME_PORT: String(realtimePort),
        E2E_REALTIME_CONTROL_PORT: String(E2E_REALTIME_CONTROL_PORT),
        // Presence webhooks to the app, for the lobby's live occupancy (the harness hands soketi the same URL).
        REALTIME_WEBHOOK_URL: `http://127.0.0.1:${appPort}/api/pusher/webhook`,
      },
    },
    {
      // A fresh database each run: the e2e data folder is removed before the server starts.
      // The build is reused when it is newer than every source (scripts/e2e-build.ts), so runs after the first skip it.
      command: `node -e "require('fs').rmSync('${dataDir}', { recursive: true, force: true })" && tsx scripts/e2e-build.ts && npm start`,
      url: `http://localhost:${appPort}/`,
      timeout: BUILD_AND_START_TIMEOUT_MS,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        ...pusherEnv,
        // External mode: the launcher starts only Next; the harness above owns the realtime server.
        PUSHER_HOST: '127.0.0.1',
        PUSHER_PORT: String(realtimePort),
        PORT: String(appPort),
        // Overridable so that two e2e runs on one machine (different E2E_*_PORT) do not share a build folder.
        NEXT_DIST_DIR: process.env.E2E_NEXT_DIST_DIR ?? '.next-e2e',
        DATA_DIR: dataDir,
        // The e2e app always runs on embedded PGlite, even where CI exports DATABASE_URL for the data-layer tests.
        DATABASE_URL: '',
        // The suite signs up dozens of people from one address; the per-address cap has its own test (e2e/lb).
        SIGN_UP_LIMIT_PER_ADDRESS: String(E2E_SIGN_UPS_PER_ADDRESS),
        NEXT_TELEMETRY_DISABLED: '1',
        // PUSHER_WATCHLIST is left on against soketi too, as a newcomer leaves it: soketi sends no watchlist
        // events, and the People panel must find that out by itself (e2e/people.spec.ts).
      },
    },
  ];
}
