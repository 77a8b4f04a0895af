import { createHmac } from 'node:crypto';
import { channelAuthRequest, expectApiError } from './support/pusher-auth';
import { runCredentials } from './support/web-servers';
import { expect, test } from './pages/crowd';
import { LobbyPage } from './pages/lobby-page';
import { createHobbyRoom } from './pages/room-page';
import { signIn, signUp, DEMO_ACCOUNTS } from './support/accounts';

/**
 * The realtime server sends member_removed webhooks 3 s after the member left (as Pusher does); the lobby then
 * asks it who is left.
 */
const LEAVE_TIMEOUT_MS = 15_000;

test.describe('lobby with live occupancy', () => {
  test("the rooms page shows who is in each room, updated live as people come and go in other browsers", async ({ browser, crowd }) => {
    // Three sign-ups, five page loads and a 3 s-held leave webhook. Against soketi this ran out of the default
    // 60 s twice (last session and this one) with every live update on time: traces show each step waiting on
    // the loaded machine (7-20 s per sign-up and room page at load 20-25), never on soketi's webhooks.
    test.setTimeout(120_000);
    const observerContext = await browser.newContext();
    const observerPage = await observerContext.newPage();
    await signUp(observerPage);
    // A room of the test's own, so nobody from another test is ever counted in it.
    const room = await createHobbyRoom(observerPage, 'Lobby');
    const lobby = new LobbyPage(observerPage);
    await lobby.open();
    await expect(lobby.count(room.name)).toHaveText('Nobody here');

    const ann = await crowd.enter(room.slug);
    await expect(lobby.count(room.name)).toHaveText('1 here');
    await expect(lobby.occupant(room.name, ann.displayName)).toBeVisible();

    const ben = await crowd.enter(room.slug);
    await expect(lobby.count(room.name)).toHaveText('2 here');
    await expect(lobby.occupant(room.name, ben.displayName)).toBeVisible();

    // Someone arriving at the rooms page now sees the room as it is, at once (from the realtime server's REST API).
    const lateLobby = new LobbyPage(await observerContext.newPage());
    await lateLobby.open();
    await expect(lateLobby.count(room.name)).toHaveText('2 here');
    await expect(lateLobby.occupant(room.name, ann.displayName)).toBeVisible();

    await ann.page.close();
    for (const view of [lobby, lateLobby]) {
      await expect(view.count(room.name)).toHaveText('1 here', { timeout: LEAVE_TIMEOUT_MS });
      await expect(view.occupant(room.name, ann.displayName)).toHaveCount(0);
      await expect(view.occupant(room.name, ben.displayName)).toBeVisible();
    }

    await ben.page.goto('/rooms');
    await expect(lobby.count(room.name)).toHaveText('Nobody here', { timeout: LEAVE_TIMEOUT_MS });
    await observerContext.close();
  });

  test('a forged, tampered, stale or replayed webhook is refused; a correctly signed fresh one is accepted once', async ({ request }) => {
    const { key, secret } = runCredentials();
    const body = JSON.stringify({ time_ms: Date.now(), events: [{ name: 'channel_vacated', channel: 'presence-hobby-books' }] });
    const sign = (text: string, withSecret: string) => createHmac('sha256', withSecret).update(text).digest('hex');
    const post = (data: string, headers: Record<string, string>) =>
      request.post('/api/pusher/webhook', { data, headers: { 'content-type': 'application/json', ...headers } });

    await expectApiError(await post(body, {}), 401, 'unauthorized');
    await expectApiError(await post(body, { 'x-pusher-key': key, 'x-pusher-signature': sign(body, 'not-the-secret') }), 401, 'unauthorized');
    await expectApiError(await post(body, { 'x-pusher-key': 'other-key', 'x-pusher-signature': sign(body, secret) }), 401, 'unauthorized');
    const tampered = body.replace('books', 'music');
    await expectApiError(await post(tampered, { 'x-pusher-key': key, 'x-pusher-signature': sign(body, secret) }), 401, 'unauthorized');

    const accepted = await post(body, { 'x-pusher-key': key, 'x-pusher-signature': sign(body, secret) });
    expect(accepted.status(), await accepted.text()).toBe(200);
    // A replay: the same batch again, and a correctly signed one from 2020 (issue 17).
    await expectApiError(await post(body, { 'x-pusher-key': key, 'x-pusher-signature': sign(body, secret) }), 409, 'conflict');
    const stale = JSON.stringify({ time_ms: Date.UTC(2020, 0, 1), events: [{ name: 'channel_vacated', channel: 'presence-hobby-books' }] });
    await expectApiError(await post(stale, { 'x-pusher-key': key, 'x-pusher-signature': sign(stale, secret) }), 401, 'unauthorized');
  });

  test("a business room's lobby channel is for its members only", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.carol.username, DEMO_ACCOUNTS.carol.password);
    await expectApiError(await channelAuthRequest(page.request, 'private-lobby-business-acme-hq'), 403, 'forbidden');
    expect((await channelAuthRequest(page.request, 'private-lobby')).status()).toBe(200);
    await expectApiError(await channelAuthRequest(page.request, 'private-lobby-business-no-such-room'), 404, 'not_found');
  });
});
