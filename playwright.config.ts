import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CONTEXT_OPTIONS, resolveChromium } from './e2e/browser';
import { e2eWebServers } from './e2e/support/web-servers';

/**
 * The e2e run gets its own ports, build folder and database so it never disturbs a running `npm run dev`.
 * The app is built and served in production mode; the embedded realtime server runs as its own web server
 * (see e2e/support/web-servers.ts) and the app reaches it in external mode.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_REALTIME_PORT = Number(process.env.E2E_REALTIME_PORT ?? 6101);
const baseURL = `http://localhost:${E2E_APP_PORT}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // The load-balanced scenarios start their own deployment: playwright.lb.config.ts.
  testIgnore: 'lb/**',
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
    contextOptions: CONTEXT_OPTIONS,
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: resolveChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  // The realtime server runs beside the app under a control harness, so e2e/reconnect.spec.ts can restart it.
  webServer: e2eWebServers({ realtime: 'embedded', appPort: E2E_APP_PORT, realtimePort: E2E_REALTIME_PORT, dataDir: process.env.E2E_DATA_DIR ?? '.data/e2e' }),
});
