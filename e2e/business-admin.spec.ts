import { randomBytes } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { channelAuthRequest, expectApiError } from './support/pusher-auth';
import { signUp, type Account } from './support/accounts';
import { ChatPanel } from './pages/chat-panel';
import { expect, test } from './pages/crowd';
import { RoomPage } from './pages/room-page';
import { createRoom, InvitationsPanel, TeamList } from './pages/team-list';

type Contexts = { close: () => Promise<void> }[];

/** A person with their own browser, signed up, not yet in any room. */
async function newcomer(browser: Browser, contexts: Contexts) {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const account: Account = await signUp(page);
  return { context, page, account, room: new RoomPage(page), team: new TeamList(page) };
}

const roomName = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;

test.describe('business rooms: the whole team in the member list', () => {
  const contexts: Contexts = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /**
   * A fresh business room created (through the form) by a new admin, with two members who were invited by
   * username and accepted on their rooms page (where the invitation arrives live).
   */
  async function team(browser: Browser) {
    const admin = await newcomer(browser, contexts);
    const mia = await newcomer(browser, contexts);
    const otto = await newcomer(browser, contexts);
    const name = roomName('Team');
    const slug = await createRoom(admin.page, name, 'business');
    await admin.room.waitUntilLive();
    await expect(admin.team.adminBadge(admin.account.displayName)).toBeVisible();
    for (const person of [mia, otto]) {
      await admin.team.invite(person.account.username);
      await new InvitationsPanel(person.page).accept(name);
      await expect(admin.team.offlineMember(person.account.displayName)).toBeVisible();
    }
    return { slug, name, admin, mia, otto };
  }

  test('online members first, the rest greyed under Offline with when they were last seen', async ({ browser }) => {
    const { slug, admin, mia, otto } = await team(browser);
    await expect(admin.team.offlineMember(otto.account.displayName)).toContainText('not seen yet');
    // One list only: no separate team panel repeats the same people.
    await expect(admin.page.getByRole('region', { name: 'Team', exact: true })).toHaveCount(0);

    await mia.room.goto(slug);
    await admin.team.expectOnline(mia.account.displayName);
    await expect(admin.team.offlineMember(mia.account.displayName)).toHaveCount(0);
    await admin.room.expectPresent([admin.account.displayName, mia.account.displayName]);
    // Mia sees the whole team too: the admin online, Otto offline.
    await mia.team.expectOnline(admin.account.displayName);
    await expect(mia.team.offlineMember(otto.account.displayName)).toContainText('not seen yet');
    // Offline people are not in the avatar stack.
    await expect(mia.room.stackAvatar(otto.account.displayName)).toHaveCount(0);

    await mia.page.goto('/rooms');
    const miaAway = admin.team.offlineMember(mia.account.displayName);
    await expect(miaAway).toContainText('last seen just now', { timeout: 15_000 });
    await expect(miaAway).toHaveAttribute('data-online', 'false');
    // Relative in the row, the exact time on hover.
    await expect(miaAway.locator('time')).toHaveAttribute('title', /\d/);
    await admin.room.expectPresent([admin.account.displayName]);

    // After a reload the last-seen time comes from the database (the realtime server's member_removed webhook).
    await expect(async () => {
      await admin.page.reload();
      await expect(admin.team.offlineMember(mia.account.displayName)).toContainText('last seen just now', { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(admin.team.offlineMember(otto.account.displayName)).toContainText('not seen yet');
  });

  test('a role change shows in the list and the avatar tooltip of everyone, without reload, and for late joiners', async ({ browser }) => {
    const { slug, admin, mia, otto } = await team(browser);
    await mia.room.goto(slug);
    await admin.room.expectPresent([admin.account.displayName, mia.account.displayName]);
    await expect(admin.team.adminBadge(mia.account.displayName)).toHaveCount(0);
    await expect(mia.team.inviteForm).toHaveCount(0);
    await expect(mia.team.list.getByLabel(`Manage ${otto.account.displayName}`)).toHaveCount(0);

    await admin.team.promote(mia.account.displayName);
    // The admin's own page, the member list and the stack's tooltip.
    await expect(admin.team.adminBadge(mia.account.displayName)).toBeVisible();
    await expect(admin.room.members.getByRole('region', { name: 'Admins', exact: true })).toContainText(mia.account.displayName);
    await expect(admin.room.stackAvatar(mia.account.displayName)).toHaveAccessibleName(`${mia.account.displayName}, admin`);
    // Mia's page: her own card, and the controls are hers now.
    await expect(mia.team.adminBadge(mia.account.displayName)).toBeVisible();
    await expect(mia.room.stackAvatar(mia.account.displayName)).toHaveAccessibleName(`${mia.account.displayName} (you), admin`);
    await expect(mia.team.inviteForm).toBeVisible();

    // Otto joins late: Mia's user_info still says "not admin" (captured when she subscribed); the roster wins.
    await otto.room.goto(slug);
    await expect(otto.team.adminBadge(mia.account.displayName)).toBeVisible();
    await otto.room.stackAvatar(mia.account.displayName).focus();
    await expect(otto.page.getByRole('tooltip').filter({ hasText: `${mia.account.displayName}Admin` })).toBeVisible();

    // And back: a demotion takes the badge away everywhere, though the admin's user_info said admin.
    await mia.team.demote(admin.account.displayName);
    await expect(otto.team.adminBadge(admin.account.displayName)).toHaveCount(0);
    await expect(otto.room.stackAvatar(admin.account.displayName)).toHaveAccessibleName(admin.account.displayName);
    await expect(admin.team.adminBadge(admin.account.displayName)).toHaveCount(0);
    await expect(admin.team.inviteForm).toHaveCount(0);
  });

  test('a promotion lets the new admin delete anyone\'s message without reload, and a demotion takes that away', async ({ browser }) => {
    const { slug, admin, mia } = await team(browser);
    await mia.room.goto(slug);
    await admin.room.expectPresent([admin.account.displayName, mia.account.displayName]);
    const adminChat = new ChatPanel(admin.page);
    const miaChat = new ChatPanel(mia.page);
    const doomed = roomName('first word');
    const kept = roomName('second word');
    await adminChat.sendConfirmed(doomed);
    await adminChat.sendConfirmed(kept);
    await expect(miaChat.message(kept)).toHaveCount(1);
    await expect(miaChat.deleteButton(doomed)).toHaveCount(0);

    await admin.team.promote(mia.account.displayName);
    await expect(miaChat.deleteButton(doomed)).toBeVisible();
    await miaChat.delete(doomed);
    await expect(adminChat.message(doomed)).toHaveCount(0);
    await expect(miaChat.message(doomed)).toHaveCount(0);

    await admin.team.demote(mia.account.displayName);
    await expect(mia.team.inviteForm).toHaveCount(0);
    await expect(miaChat.deleteButton(kept)).toHaveCount(0);
    await expect(adminChat.message(kept)).toHaveCount(1);
  });

  test('a delete the server refuses (a demotion not yet seen by the page) says so', async ({ browser }) => {
    const { slug, admin, mia } = await team(browser);
    // Mia's page never hears of role changes, so after her demotion it still offers the delete control.
    await mia.page.routeWebSocket(/\/app\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => server.send(frame));
      server.onMessage((frame) => {
        if (!String(frame).includes('"team-role-changed"')) ws.send(frame);
      });
    });
    await admin.team.promote(mia.account.displayName);
    await mia.room.goto(slug);
    await admin.room.expectPresent([admin.account.displayName, mia.account.displayName]);
    const adminChat = new ChatPanel(admin.page);
    const miaChat = new ChatPanel(mia.page);
    const text = roomName('still here');
    await adminChat.sendConfirmed(text);
    await expect(miaChat.deleteButton(text)).toBeVisible();

    await admin.team.demote(mia.account.displayName);
    await expect(admin.team.adminBadge(mia.account.displayName)).toHaveCount(0);
    await expect(mia.team.adminBadge(mia.account.displayName)).toBeVisible();
    await miaChat.delete(text);
    await expect(miaChat.message(text).getByRole('alert')).toHaveText('Not deleted: only its author or a room admin may delete this message.');
    await expect(miaChat.message(text)).toHaveCount(1);
    await expect(adminChat.message(text)).toHaveCount(1);
  });

  test('a removed member leaves that room live, is told so and refused on rejoin; their other rooms stay connected', async ({ browser }) => {
    const { slug, admin, mia, otto } = await team(browser);
    const hobby = await createRoom(admin.page, roomName('Hobby'), 'hobby');
    await admin.room.goto(slug);
    await mia.room.goto(slug);
    await otto.room.goto(slug);
    await otto.room.expectPresent([admin.account.displayName, mia.account.displayName, otto.account.displayName]);
    // Mia also has a hobby room open in another tab.
    const miaHobby = new RoomPage(await mia.context.newPage());
    await miaHobby.goto(hobby);
    await miaHobby.expectPresent([mia.account.displayName]);
    let miaHobbySockets = 0;
    miaHobby.page.on('websocket', () => (miaHobbySockets += 1));

    // Only admins manage members.
    const byOtto = await otto.page.request.delete(`/api/rooms/${slug}/members/00000000-0000-4000-8000-000000000000`);
    await expectApiError(byOtto, 403, 'forbidden');

    await admin.team.remove(mia.account.displayName);
    await expect(mia.team.removedNotice).toBeVisible();
    await otto.room.expectPresent([admin.account.displayName, otto.account.displayName]);
    await expect(otto.team.member(mia.account.displayName)).toHaveCount(0);

    // Only the business room's channels were left: Mia's hobby tab follows its room live on the connection it
    // had (no new WebSocket was opened, checked once Otto's arrival there has reached it).
    const ottoHobby = new RoomPage(await otto.context.newPage());
    await ottoHobby.goto(hobby);
    await miaHobby.expectPresent([mia.account.displayName, otto.account.displayName]);
    expect(miaHobbySockets).toBe(0);
    await ottoHobby.expectPresent([mia.account.displayName, otto.account.displayName]);
    await ottoHobby.page.close();
    await miaHobby.expectPresent([mia.account.displayName]);

    const response = await mia.page.goto(`/rooms/${slug}`);
    expect(response?.status()).toBe(403);
    await expect(mia.page.getByRole('heading', { level: 1 })).toHaveText('Members only');
    await expectApiError(await channelAuthRequest(mia.page.request, `presence-business-${slug}`), 403, 'forbidden');
  });
});
