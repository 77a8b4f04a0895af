import { randomBytes } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { channelAuthRequest, expectApiError } from './support/pusher-auth';
import { signUp, type Account } from './support/accounts';
import { expect, test } from './pages/crowd';
import { RoomPage } from './pages/room-page';
import { createRoom, TeamPanel } from './pages/team-panel';

/** A person with their own browser, signed up, not yet in any room. */
async function newcomer(browser: Browser, contexts: { close: () => Promise<void> }[]) {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const account: Account = await signUp(page);
  return { context, page, account, room: new RoomPage(page), team: new TeamPanel(page) };
}

test.describe('business rooms: the whole team', () => {
  const contexts: { close: () => Promise<void> }[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** A fresh business room created (through the form) by a new admin, with two members added by username. */
  async function team(browser: Browser) {
    const admin = await newcomer(browser, contexts);
    const mia = await newcomer(browser, contexts);
    const otto = await newcomer(browser, contexts);
    const slug = await createRoom(admin.page, `Team ${randomBytes(3).toString('hex')}`, 'business');
    await admin.room.waitUntilLive();
    await expect(admin.team.adminBadge(admin.account.displayName)).toBeVisible();
    for (const person of [mia, otto]) {
      await admin.team.add(person.account.username);
      await expect(admin.team.member(person.account.displayName)).toBeVisible();
    }
    return { slug, admin, mia, otto };
  }

  test('the member list shows everyone: online first, away greyed with when they were last seen', async ({ browser }) => {
    const { slug, admin, mia, otto } = await team(browser);
    await expect(admin.team.away.getByTestId('team-member').filter({ hasText: otto.account.displayName })).toContainText('not seen yet');

    await mia.room.goto(slug);
    await admin.team.expectOnline(mia.account.displayName);
    await admin.team.expectOnline(admin.account.displayName);

    await mia.page.goto('/rooms');
    const miaAway = admin.team.away.getByTestId('team-member').filter({ hasText: mia.account.displayName });
    await expect(miaAway).toContainText('last seen just now', { timeout: 15_000 });
    await expect(miaAway).toHaveAttribute('data-online', 'false');

    // After a reload the last-seen time comes from the database (the realtime server's member_removed webhook).
    await expect(async () => {
      await admin.page.reload();
      await expect(admin.team.away.getByTestId('team-member').filter({ hasText: mia.account.displayName })).toContainText(
        'last seen just now',
        { timeout: 2_000 },
      );
    }).toPass({ timeout: 20_000 });
    await expect(admin.team.member(otto.account.displayName)).toContainText('not seen yet');
  });

  test('promoting a member shows the admin badge in other browsers without a reload', async ({ browser }) => {
    const { slug, admin, mia, otto } = await team(browser);
    await mia.room.goto(slug);
    await otto.room.goto(slug);
    await expect(otto.team.adminBadge(mia.account.displayName)).toHaveCount(0);
    await expect(mia.team.addForm).toHaveCount(0);

    await admin.team.promote(mia.account.displayName);
    await expect(otto.team.adminBadge(mia.account.displayName)).toBeVisible();
    await expect(mia.team.adminBadge(mia.account.displayName)).toBeVisible();
    // Mia is an admin now: the controls are hers too, and the server agrees.
    await expect(mia.team.addForm).toBeVisible();
    await mia.team.promote(otto.account.displayName);
    await expect(admin.team.adminBadge(otto.account.displayName)).toBeVisible();
  });

  test('a removed member is dropped live, told so, and refused when they come back', async ({ browser }) => {
    const { slug, admin, mia, otto } = await team(browser);
    await mia.room.goto(slug);
    await otto.room.goto(slug);
    await otto.room.expectPresent([admin.account.displayName, mia.account.displayName, otto.account.displayName]);

    // Only admins manage members.
    const byOtto = await otto.page.request.delete(`/api/rooms/${slug}/members/00000000-0000-4000-8000-000000000000`);
    await expectApiError(byOtto, 403, 'forbidden');

    await admin.team.remove(mia.account.displayName);
    await expect(mia.team.removedNotice).toBeVisible();
    await otto.room.expectPresent([admin.account.displayName, otto.account.displayName]);
    await expect(otto.team.member(mia.account.displayName)).toHaveCount(0);

    const response = await mia.page.goto(`/rooms/${slug}`);
    expect(response?.status()).toBe(403);
    await expect(mia.page.getByRole('heading', { level: 1 })).toHaveText('Members only');
    await expectApiError(await channelAuthRequest(mia.page.request, `presence-business-${slug}`), 403, 'forbidden');
  });
});
