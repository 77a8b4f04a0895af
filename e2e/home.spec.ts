import { expect, test } from '@playwright/test';

test('the home page renders through the production server', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Presently/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("See who's here, right now.");
});
