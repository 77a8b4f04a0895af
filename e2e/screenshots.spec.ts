import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './pages/crowd';
import { DEMO_ACCOUNTS } from './support/accounts';

/**
 * The README's screenshots, written to public/screenshots/. Not part of the normal run (they would rewrite
 * tracked files every time): `UPDATE_SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts`.
 */
test.skip(!process.env.UPDATE_SCREENSHOTS, 'set UPDATE_SCREENSHOTS=1 to refresh the README screenshots');
// Filling a room means signing up several people, one after the other.
test.setTimeout(180_000);

const OUT = path.join(process.cwd(), 'public', 'screenshots');
const DESKTOP = { viewport: { width: 1280, height: 760 } };

/** No focus ring from the last keyboard action in a picture. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const HOBBY_CROWD = [
  { displayName: 'Maya Okafor', status: 'Speedrunning Celeste, chapter 7' },
  { displayName: 'Jonas Lind', status: 'AFK, back in 10' },
  { displayName: 'Priya Raman', status: '' },
  { displayName: 'Tomás Ferreira', status: 'Looking for a co-op partner' },
  { displayName: 'Lea Schmidt', status: 'Building a pixel-art level' },
  { displayName: 'Kenji Sato', status: 'Streaming tonight at 8' },
];

test('rooms page', async ({ crowd }) => {
  const alice = await crowd.enter('acme-hq', { account: DEMO_ACCOUNTS.alice, context: DESKTOP });
  await alice.page.goto('/rooms');
  await expect(alice.page.getByRole('heading', { level: 1 })).toBeVisible();
  await alice.page.screenshot({ path: path.join(OUT, 'rooms.png') });
});

test('a busy hobby room', async ({ crowd }) => {
  const [first, ...rest] = HOBBY_CROWD;
  const viewer = await crowd.enter('gaming', { displayName: first!.displayName, context: DESKTOP });
  await viewer.room.setStatus(first!.status);
  for (const person of rest) {
    const someone = await crowd.enter('gaming', { displayName: person.displayName });
    if (person.status) await someone.room.setStatus(person.status);
  }
  await viewer.room.expectPresent(HOBBY_CROWD.map((person) => person.displayName));
  await expect(viewer.room.row('Kenji Sato')).toHaveAttribute('data-highlighted', 'true');
  await blur(viewer.page);
  await viewer.room.stackAvatar('Jonas Lind').hover();
  await expect(viewer.page.getByRole('tooltip').filter({ hasText: 'AFK, back in 10' })).toHaveCSS('opacity', '1');
  await viewer.page.screenshot({ path: path.join(OUT, 'room-busy.png') });
});

test('a business room with its admin, light and dark, and on a phone', async ({ crowd }) => {
  const bob = await crowd.enter('acme-hq', { account: DEMO_ACCOUNTS.bob, context: DESKTOP });
  await bob.room.setStatus('Writing the Q3 report');
  const alice = await crowd.enter('acme-hq', { account: DEMO_ACCOUNTS.alice, context: DESKTOP });
  await alice.room.setStatus('In stand-up until 10:30');
  await bob.room.expectPresent([DEMO_ACCOUNTS.alice.displayName, DEMO_ACCOUNTS.bob.displayName]);
  await expect(bob.room.row(DEMO_ACCOUNTS.alice.displayName)).toContainText('In stand-up until 10:30');
  await blur(bob.page);
  await bob.page.screenshot({ path: path.join(OUT, 'room-business.png') });

  const dark = await crowd.enter('acme-hq', { account: DEMO_ACCOUNTS.bob, context: { ...DESKTOP, colorScheme: 'dark' } });
  await expect(dark.room.row(DEMO_ACCOUNTS.alice.displayName)).toContainText('In stand-up until 10:30');
  await dark.page.screenshot({ path: path.join(OUT, 'room-business-dark.png') });

  const phone = await crowd.enter('acme-hq', { account: DEMO_ACCOUNTS.alice, context: { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true } });
  await phone.room.membersButton.click();
  await expect(phone.room.row(DEMO_ACCOUNTS.bob.displayName)).toContainText('Writing the Q3 report');
  await phone.page.screenshot({ path: path.join(OUT, 'room-phone.png') });
});
