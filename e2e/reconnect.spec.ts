import { expect, test } from './pages/crowd';
import { DEPARTURE_SHOWN_WITHIN_MS, recordRoom } from './pages/presence-details';
import { E2E_REALTIME_CONTROL_PORT } from './support/web-servers';

const CONTROL = `http://127.0.0.1:${E2E_REALTIME_CONTROL_PORT}`;
/** pusher-js retries on its own schedule (up to its unavailable timeout); give it room beyond the default. */
const RECONNECT_TIMEOUT_MS = 30_000;

test.describe('realtime server restart', () => {
  test.setTimeout(120_000);

  test('a reconnecting banner shows, and the list is rebuilt without the people who left meanwhile', async ({ crowd, request }) => {
    const ann = await crowd.enter('books');
    const ben = await crowd.enter('books');
    const cat = await crowd.enter('books');
    await ann.room.expectPresent([ann.displayName, ben.displayName, cat.displayName]);
    await expect(ann.room.connectionBanner).toHaveText('');
    const seen = await recordRoom(ann.page);

    expect((await request.post(`${CONTROL}/stop`)).ok()).toBe(true);
    try {
      await expect(ann.room.connectionBanner).toContainText(/Reconnecting|unreachable/);
      await expect(ben.room.connectionBanner).toContainText(/Reconnecting|unreachable/);
      // Cat leaves while the server is down: nobody can be told, so only a rebuilt list can drop them.
      await cat.page.close();
    } finally {
      expect((await request.post(`${CONTROL}/start`)).ok()).toBe(true);
    }

    for (const person of [ann, ben]) {
      await expect(person.room.connectionBanner).toHaveText('', { timeout: RECONNECT_TIMEOUT_MS });
      await person.room.waitUntilLive();
      // Cat is held for the leave grace (others might just not be back yet), then dropped.
      await expect(person.room.row(cat.displayName)).toHaveCount(0, { timeout: DEPARTURE_SHOWN_WITHIN_MS });
      await person.room.expectPresent([ann.displayName, ben.displayName]);
    }

    // The list never emptied and refilled: Ann's count only ever went from 3 to 2, when Cat's grace ran out.
    expect((await seen()).counts).toEqual(['2 here']);

    // Live again: a status change still goes through.
    await ben.room.setStatus('back online');
    await expect(ann.room.row(ben.displayName)).toContainText('back online');
  });
});
