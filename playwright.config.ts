import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './e2e/browser';

/**
 * The e2e run gets its own ports, build folder and database so it never disturbs a running `npm run dev`.
 * The app is built and served in production mode, with the embedded realtime server beside it.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_REALTIME_PORT = Number(process.env.E2E_REALTIME_PORT ?? 6101);
const baseURL = `http://localhost:${E2E_APP_PORT}`;
const BUILD_AND_START_TIMEOUT_MS = 600_000;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: resolveChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // A fresh database each run: the e2e data folder is removed before the server starts.
    command: `node -e "require('fs').rmSync('.data/e2e', { recursive: true, force: true })" && npm run build && npm start`,
    url: `${baseURL}/`,
    timeout: BUILD_AND_START_TIMEOUT_MS,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_APP_PORT),
      REALTIME_PORT: String(E2E_REALTIME_PORT),
      NEXT_DIST_DIR: '.next-e2e',
      DATA_DIR: '.data/e2e',
      // The e2e app always runs on embedded PGlite, even where CI exports DATABASE_URL for the data-layer tests.
      DATABASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
