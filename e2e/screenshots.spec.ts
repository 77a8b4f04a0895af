import path from 'node:path';
import { devices, type Page } from '@playwright/test';
import { expect, test } from './pages/crowd';
import { activityTimingsStorage, PresenceDetails, setTabHidden } from './pages/presence-details';
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

/** Who shows which presence in the busy room: shortened thresholds so "idle" and "away" come in a second. */
const IDLE_SOON = activityTimingsStorage({ idleAfterMs: 1_000 });
const AWAY_WHEN_HIDDEN = activityTimingsStorage({ awayAfterHiddenMs: 1_000 });

test('a busy hobby room, then appearing offline', async ({ crowd }) => {
  const [first, ...rest] = HOBBY_CROWD;
  // A room of its own, so nobody from another run is in the picture.
  const { slug, person: viewer } = await crowd.enterNewRoom('Gaming night', { displayName: first!.displayName, context: DESKTOP });
  await viewer.room.setStatus(first!.status);
  const people = new Map<string, Awaited<ReturnType<typeof crowd.enter>>>();
  for (const person of rest) {
    const storage = person.displayName === 'Priya Raman' ? IDLE_SOON : person.displayName === 'Jonas Lind' ? AWAY_WHEN_HIDDEN : undefined;
    const someone = await crowd.enter(slug, { displayName: person.displayName, storage });
    people.set(person.displayName, someone);
    if (person.status) await someone.room.setStatus(person.status);
  }
  // Jonas switches to another tab (away); Priya stops typing (idle); Tomás is also here on his phone.
  await setTabHidden(people.get('Jonas Lind')!.page, true);
  await crowd.enter(slug, { account: people.get('Tomás Ferreira')!, context: { ...devices['Pixel 7'] } });
  await viewer.room.expectPresent(HOBBY_CROWD.map((person) => person.displayName));
  await new PresenceDetails(viewer.room, 'Jonas Lind').expectState('away');
  await new PresenceDetails(viewer.room, 'Priya Raman').expectState('idle');
  await expect(viewer.room.row('Tomás Ferreira')).toContainText('on 2 devices (computer, phone)');
  await blur(viewer.page);
  await viewer.room.stackAvatar('Jonas Lind').hover();
  await expect(viewer.page.getByRole('tooltip').filter({ hasText: 'AFK, back in 10' })).toHaveCSS('opacity', '1');
  await viewer.page.screenshot({ path: path.join(OUT, 'room-busy.png') });

  // Maya appears offline: she still sees everyone; nobody sees her.
  await viewer.room.me.getByRole('switch', { name: 'Appear offline' }).check();
  const kenji = people.get('Kenji Sato')!;
  await expect(kenji.room.row(first!.displayName)).toHaveCount(0, { timeout: 7_000 });
  await blur(viewer.page);
  await viewer.page.mouse.move(0, 0);
  await viewer.page.screenshot({ path: path.join(OUT, 'room-appear-offline.png') });
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
