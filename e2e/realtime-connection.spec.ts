import { expect, test } from './pages/crowd';
import { RoomPage } from './pages/room-page';
import { RoomsPage } from './pages/rooms-page';
import { signUp } from './support/accounts';

const CHANNEL_AUTH_PATH = '**/api/pusher/auth';
const USER_AUTH_PATH = '**/api/pusher/user-auth';
/** What a reverse proxy or an overloaded app answers during a reconnect storm. */
const SERVICE_UNAVAILABLE = 503;
/** Three or four people signing up and moving around: sign-ups alone took 100 s on a busy 2-core machine. */
const SEVERAL_PEOPLE_TIMEOUT_MS = 180_000;

test.describe.configure({ timeout: SEVERAL_PEOPLE_TIMEOUT_MS });

test.describe('one realtime connection per tab', () => {
  test('going from room to room inside the app subscribes and unsubscribes on the same connection', async ({ crowd, browser }) => {
    const inBooks = await crowd.enter('books');
    const inMusic = await crowd.enter('music');

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const account = await signUp(page);
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      const rooms = new RoomsPage(page);
      const room = new RoomPage(page);

      await rooms.joinLink('Books').click();
      await room.waitUntilLive();
      await inBooks.room.expectPresent([inBooks.displayName, account.displayName]);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms' }).click();
      await expect(page).toHaveURL((url) => url.pathname === '/rooms');
      await inBooks.room.expectPresent([inBooks.displayName]);

      await rooms.joinLink('Music').click();
      await room.waitUntilLive();
      await inMusic.room.expectPresent([inMusic.displayName, account.displayName]);
      await room.expectPresent([inMusic.displayName, account.displayName]);

      // The rooms page, Books, the rooms page again and Music: all on the connection the first page opened.
      expect(sockets).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});

test.describe('authorization that fails for a moment', () => {
  test('a channel authorization answered 503 is tried again, and the person still joins the room', async ({ crowd, browser }) => {
    const host = await crowd.enter('gaming');
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const account = await signUp(page);
      let refused = 0;
      await page.route(CHANNEL_AUTH_PATH, async (route) => {
        const body = route.request().postData() ?? '';
        if (body.includes('presence-hobby-gaming') && refused < 2) {
          refused += 1;
          return route.fulfill({ status: SERVICE_UNAVAILABLE, contentType: 'application/json', body: '{"error":{"code":"unavailable"}}' });
        }
        return route.continue();
      });
      const room = new RoomPage(page);
      await room.goto('gaming');
      expect(refused).toBe(2);
      await room.expectPresent([host.displayName, account.displayName]);
      await host.room.expectPresent([host.displayName, account.displayName]);
    } finally {
      await context.close();
    }
  });

  test('a sign-in (user authentication) answered 503 is tried again, so user events still arrive', async ({ browser }) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await signUp(page);
      let refused = 0;
      await page.route(USER_AUTH_PATH, async (route) => {
        // Only the room page's sign-in: the rooms page's connection may still be signing in as the route is set.
        const fromRoom = (route.request().headers().referer ?? '').endsWith('/rooms/books');
        if (fromRoom && refused < 1) {
          refused += 1;
          return route.fulfill({ status: SERVICE_UNAVAILABLE, contentType: 'application/json', body: '{"error":{"code":"unavailable"}}' });
        }
        return route.continue();
      });
      const signedIn = page.waitForResponse((response) => response.url().endsWith('/api/pusher/user-auth') && response.ok());
      const room = new RoomPage(page);
      await room.goto('books');
      await signedIn;
      expect(refused).toBe(1);

      // Status set in another tab reaches this one through the user channel, which needs the sign-in.
      const other = await context.newPage();
      const otherRoom = new RoomPage(other);
      await otherRoom.goto('music');
      await otherRoom.setStatus('on a call');
      await expect(room.statusButton()).toHaveAccessibleName('Your status: on a call. Edit');
    } finally {
      await context.close();
    }
  });
});
