import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CONTEXT_OPTIONS, resolveChromium } from './e2e/browser';
import { LB_BASE_URL } from './e2e/lb/support/ports';

/**
 * The load-balanced e2e (`npm run test:e2e:lb`): two production app instances behind HAProxy, started by
 * e2e/lb/global-setup.ts from the build the main e2e made. Run once with PostgreSQL as the limiter store and
 * once with LB_LIMITER_STORE=redis.
 */
export default defineConfig({
  testDir: './e2e/lb',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/lb/global-setup.ts',
  outputDir: `test-results/lb-${process.env.LB_LIMITER_STORE === 'redis' ? 'redis' : 'postgres'}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Each scenario drives two or three browser contexts through two production servers; a busy 2-core CI
  // machine needs the room.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: LB_BASE_URL,
    trace: 'retain-on-failure',
    contextOptions: CONTEXT_OPTIONS,
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: resolveChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
});
