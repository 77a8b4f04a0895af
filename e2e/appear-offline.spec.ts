import Pusher from 'pusher';
import { E2E_REALTIME_PORT } from '../playwright.config';
import { ChatPanel } from './pages/chat-panel';
import { expect, test } from './pages/crowd';
import { LobbyPage } from './pages/lobby-page';
import { LEAVE_GRACE_MS, DEPARTURE_SHOWN_WITHIN_MS } from './pages/presence-details';
import type { RoomPage } from './pages/room-page';
import { signUp } from './support/accounts';
import { rawClientFor } from './support/raw-pusher-client';
import { CREDENTIALS } from './support/web-servers';

/**
 * "Appear offline" needs the app's presence webhooks (the watch channel mirrors who comes and goes), which
 * this suite configures for the embedded server only; so this spec is not in the soketi run.
 */
const ROOM = 'gaming';
const ROOM_CHANNEL = `presence-hobby-${ROOM}`;
/** "At once": clearly sooner than the leave grace a departure would get. */
const AT_ONCE_MS = LEAVE_GRACE_MS - 1_000;

function appearOfflineSwitch(room: RoomPage) {
  return room.me.getByRole('switch', { name: 'Appear offline' });
}

async function myId(room: RoomPage): Promise<string> {
  const id = await room.me.getAttribute('data-member-id');
  if (!id) throw new Error('no data-member-id on your own card');
  return id;
}

const rest = new Pusher({
  appId: CREDENTIALS.embedded.id,
  key: CREDENTIALS.embedded.key,
  secret: CREDENTIALS.embedded.secret,
  host: '127.0.0.1',
  port: String(E2E_REALTIME_PORT),
  useTLS: false,
});

/** A chat message event (`message`) written by this user. */
function isMessageBy(line: string, userId: string): boolean {
  const parsed = JSON.parse(line) as { event?: string; data?: { author?: { id?: string } } };
  return parsed.event === 'message' && parsed.data?.author?.id === userId;
}

async function restUsers(): Promise<{ ids: string[]; userCount: number }> {
  const users = (await (await rest.get({ path: `/channels/${ROOM_CHANNEL}/users` })).json()) as { users: { id: string }[] };
  const info = (await (await rest.get({ path: `/channels/${ROOM_CHANNEL}`, params: { info: 'user_count' } })).json()) as { user_count: number };
  return { ids: users.users.map((user) => String(user.id)), userCount: info.user_count };
}

test.describe('appear offline', () => {
  // Six people, a reload, two departures and a raw client, one after the other: minutes on a busy machine.
  test.setTimeout(420_000);

  test('nobody sees a person who appears offline, down to the protocol, while they still follow the room live', async ({ crowd, browser, baseURL }) => {
    const ann = await crowd.enter(ROOM);
    const ben = await crowd.enter(ROOM);
    const dee = await crowd.enter(ROOM);
    const deeId = await myId(dee.room);
    await ann.room.expectPresent([ann.displayName, ben.displayName, dee.displayName]);
    const lobby = new LobbyPage(await ann.context.newPage());
    await lobby.open();
    await expect(lobby.occupant('Gaming', dee.displayName)).toHaveCount(1);

    // On: gone for Ann, Ben and the lobby at once, not after a leave grace.
    await appearOfflineSwitch(dee.room).check();
    for (const person of [ann, ben]) await expect(person.room.row(dee.displayName)).toHaveCount(0, { timeout: AT_ONCE_MS });
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    await expect(lobby.occupant('Gaming', dee.displayName)).toHaveCount(0);
    await expect(dee.room.stackAvatar(dee.displayName).locator('xpath=..')).toHaveAttribute('data-activity', 'offline');

    // Cat, signed up in a browser but in the room only as a bare pusher-js client (on the room's presence
    // channel and the lobby), records everything she gets.
    const catContext = await browser.newContext();
    let eve: Awaited<ReturnType<typeof crowd.enter>> | undefined;
    const cat = await signUp(await catContext.newPage());
    const raw = await rawClientFor(catContext, { baseURL: baseURL!, key: CREDENTIALS.embedded.key, host: '127.0.0.1', port: E2E_REALTIME_PORT });
    try {
      await raw.subscribe(ROOM_CHANNEL);
      await raw.subscribe('private-lobby');
      // Dee reloads (so she comes back while hidden) and opens the room in a second tab too.
      await dee.page.reload();
      await dee.room.waitUntilLive();
      const deeSecondTab = await dee.context.newPage();
      await deeSecondTab.goto(`/rooms/${ROOM}`);
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
      await expect(dee.room.row(ben.displayName)).toHaveCount(0, { timeout: DEPARTURE_SHOWN_WITHIN_MS + 5_000 });
      eve = await crowd.enter(ROOM);
      await expect(dee.room.row(eve.displayName)).toBeVisible();
      await ann.room.expectPresent([ann.displayName, cat.displayName, eve.displayName]);

      // The protocol: the realtime server's own REST view, and everything Cat's client received.
      const { ids, userCount } = await restUsers();
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
    await expect(lobby.occupant('Gaming', dee.displayName)).toHaveCount(1);
  });
});
