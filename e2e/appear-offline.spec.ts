import { ChatPanel } from './pages/chat-panel';
import { expect, test } from './pages/crowd';
import { LobbyPage } from './pages/lobby-page';
import { LEAVE_GRACE_MS, DEPARTURE_SHOWN_WITHIN_MS, leaveGraceStorage, TEST_DEPARTURE_SHOWN_WITHIN_MS, TEST_LEAVE_GRACE_MS } from './pages/presence-details';
import type { RoomPage } from './pages/room-page';
import { signUp } from './support/accounts';
import { rawClientFor } from './support/raw-pusher-client';
import { realtimeRestClient, REALTIME_HOST, runRealtimePort } from './support/realtime-server';
import { runCredentials } from './support/web-servers';

/**
 * "Appear offline" against whichever realtime server the run uses: the onlooker channel's mirror of who comes and
 * goes rides on the app's presence webhooks, which the e2e harness configures for the embedded server and soketi.
 */
/** "At once": clearly sooner than the leave grace a departure would get. */
const AT_ONCE_MS = LEAVE_GRACE_MS - 1_000;
/** The realtime server (like Pusher) sends member_removed webhooks this long after the member left. */
const WEBHOOK_LEAVE_DELAY_MS = 3_000;

function appearOfflineSwitch(room: RoomPage) {
  return room.me.getByRole('switch', { name: 'Appear offline' });
}

async function myId(room: RoomPage): Promise<string> {
  const id = await room.me.getAttribute('data-member-id');
  if (!id) throw new Error('no data-member-id on your own card');
  return id;
}

/** A chat message event (`message`) written by this user. */
function isMessageBy(line: string, userId: string): boolean {
  const parsed = JSON.parse(line) as { event?: string; data?: { author?: { id?: string } } };
  return parsed.event === 'message' && parsed.data?.author?.id === userId;
}

async function restUsers(channel: string): Promise<{ ids: string[]; userCount: number }> {
  const rest = realtimeRestClient();
  const users = (await (await rest.get({ path: `/channels/${channel}/users` })).json()) as { users: { id: string }[] };
  const info = (await (await rest.get({ path: `/channels/${channel}`, params: { info: 'user_count' } })).json()) as { user_count: number };
  return { ids: users.users.map((user) => String(user.id)), userCount: info.user_count };
}

test.describe('appear offline', () => {
  // Six people, a reload, two departures and a raw client, one after the other: minutes on a busy machine.
  test.setTimeout(420_000);

  test('nobody sees a person who appears offline, down to the protocol, while they still follow the room live', async ({ crowd, browser, baseURL }) => {
    // Ann and Ben keep the product's grace: Dee must vanish for them sooner than a departure would.
    const { slug, name: roomName, person: ann } = await crowd.enterNewRoom('Offline');
    const roomChannel = `presence-hobby-${slug}`;
    const ben = await crowd.enter(slug);
    // Dee's own view only has to follow who comes and goes; a short grace spares waiting out Ben's departure.
    const dee = await crowd.enter(slug, { storage: leaveGraceStorage(TEST_LEAVE_GRACE_MS) });
    const deeId = await myId(dee.room);
    await ann.room.expectPresent([ann.displayName, ben.displayName, dee.displayName]);
    const lobby = new LobbyPage(await ann.context.newPage());
    await lobby.open();
    await expect(lobby.occupant(roomName, dee.displayName)).toHaveCount(1);

    // On: gone for Ann, Ben and the lobby at once, not after a leave grace.
    await appearOfflineSwitch(dee.room).check();
    for (const person of [ann, ben]) await expect(person.room.row(dee.displayName)).toHaveCount(0, { timeout: AT_ONCE_MS });
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    await expect(lobby.occupant(roomName, dee.displayName)).toHaveCount(0);
    await expect(dee.room.stackAvatar(dee.displayName).locator('xpath=..')).toHaveAttribute('data-activity', 'offline');

    // Cat, signed up in a browser but in the room only as a bare pusher-js client (on the room's presence
    // channel and the lobby), records everything she gets.
    const catContext = await browser.newContext();
    let eve: Awaited<ReturnType<typeof crowd.enter>> | undefined;
    const cat = await signUp(await catContext.newPage());
    const raw = await rawClientFor(catContext, { baseURL: baseURL!, key: runCredentials().key, host: REALTIME_HOST, port: runRealtimePort() });
    try {
      await raw.subscribe(roomChannel);
      await raw.subscribe('private-lobby');
      // Dee reloads (so she comes back while hidden) and opens the room in a second tab too.
      await dee.page.reload();
      await dee.room.waitUntilLive();
      const deeSecondTab = await dee.context.newPage();
      await deeSecondTab.goto(`/rooms/${slug}`);
      await expect(appearOfflineSwitch(dee.room)).toBeChecked();
      // Dee still sees everyone, Cat's raw client included, and the room sees nothing of her.
      await dee.room.expectPresent([dee.displayName, ann.displayName, ben.displayName, cat.displayName]);
      await ann.room.expectPresent([ann.displayName, ben.displayName, cat.displayName]);

      // Messages both ways; hers still carry her name.
      await new ChatPanel(dee.page).sendConfirmed('posting while offline');
      await expect(new ChatPanel(ann.page).message('posting while offline')).toContainText(dee.displayName);
      await new ChatPanel(ann.page).sendConfirmed('can you read this?');
      await expect(new ChatPanel(dee.page).message('can you read this?')).toBeVisible();
      // Member changes reach her live: Ben leaves, then a new person arrives.
      await ben.context.close();
      // Mirrored from the member_removed webhook, which the realtime server holds 3 s (as Pusher does).
      await expect(dee.room.row(ben.displayName)).toHaveCount(0, { timeout: TEST_DEPARTURE_SHOWN_WITHIN_MS + WEBHOOK_LEAVE_DELAY_MS });
      eve = await crowd.enter(slug);
      await expect(dee.room.row(eve.displayName)).toBeVisible();
      await ann.room.expectPresent([ann.displayName, cat.displayName, eve.displayName]);

      // The protocol: the realtime server's own REST view, and everything Cat's client received.
      const { ids, userCount } = await restUsers(roomChannel);
      expect(ids).not.toContain(deeId);
      expect(userCount).toBe(ids.length);
      expect(ids).toContain(await myId(ann.room));
      // Her own messages name her as their author, as they must; nothing else may carry her id.
      const received = raw.received.filter((line) => !isMessageBy(line, deeId)).join('\n');
      expect(raw.received.length).toBeGreaterThan(received.split('\n').length);
      expect(received).toContain(await myId(eve!.room));
      expect(received).not.toContain(deeId);
      await deeSecondTab.close();
    } finally {
      raw.close();
      await catContext.close();
    }

    // Off: back for everyone at once.
    await appearOfflineSwitch(dee.room).uncheck();
    await expect(ann.room.row(dee.displayName)).toBeVisible({ timeout: AT_ONCE_MS });
    // Cat's raw client has gone meanwhile: she leaves after her grace.
    await expect(ann.room.row(cat.displayName)).toHaveCount(0, { timeout: DEPARTURE_SHOWN_WITHIN_MS });
    await ann.room.expectPresent([ann.displayName, eve!.displayName, dee.displayName]);
    await expect(lobby.occupant(roomName, dee.displayName)).toHaveCount(1);
  });
});

test.describe('appear offline, seeing others change', () => {
  test('someone who appears offline sees another person’s status edit live (mirrored from the client_event webhook)', async ({ crowd }) => {
    const { slug, person: ada } = await crowd.enterNewRoom('Hidden viewer');
    const ben = await crowd.enter(slug);
    await appearOfflineSwitch(ben.room).check();
    await expect(ada.room.row(ben.displayName)).toHaveCount(0, { timeout: AT_ONCE_MS });
    // Ben follows the room on its onlooker channel now, not as a member.
    await expect(ben.room.row(ada.displayName)).toBeVisible();

    const status = `Back in five ${Date.now()}`;
    await ada.room.setStatus(status);
    await expect(ben.room.row(ada.displayName)).toContainText(status);
  });
});
