import { describe, expect, it } from 'vitest';
import { connectWatching, countOf, type WatchingClient, type WatchingUser } from './helpers/watchlist-client';
import { expectServerHealthy } from './helpers/health';
import { until } from './helpers/wait';
import { setupTestServer } from './helpers/suite';
import { RawClient } from './helpers/raw-client';

const suite = setupTestServer();

async function connect(user: WatchingUser): Promise<WatchingClient> {
  const watching = await connectWatching(suite.server, user);
  suite.track(watching.client);
  return watching;
}

describe('watchlist online status (pusher.user.watchlist)', () => {
  it('tells the current status of every watched user right after signin', async () => {
    await connect({ id: 'init-online' });
    const watcher = await connect({ id: 'init-watcher', watchlist: ['init-online', 'init-never'] });
    await until('initial events', () => watcher.events.length >= 2);
    expect(watcher.events).toEqual([
      { name: 'online', user_ids: ['init-online'] },
      { name: 'offline', user_ids: ['init-never'] },
    ]);
  });

  it('online on the first connection, once for a second tab, offline only after the last one closes', async () => {
    const watcher = await connect({ id: 'tabs-watcher', watchlist: ['tabs-user'] });
    await watcher.waitFor('tabs-user', 'offline');
    const first = await connect({ id: 'tabs-user' });
    await watcher.waitFor('tabs-user', 'online');
    const second = await connect({ id: 'tabs-user' });
    first.client.disconnect();
    second.client.disconnect();
    // The last tab's offline is the marker: a second online, or an offline for the first tab, would come before it.
    await watcher.waitFor('tabs-user', 'offline');
    expect(countOf(watcher, 'online', 'tabs-user')).toBe(1);
    expect(watcher.events.map((event) => event.name)).toEqual(['offline', 'online', 'offline']);
  });

  it('every watcher of a user hears the transition, and a user watching nobody hears nothing', async () => {
    const a = await connect({ id: 'multi-a', watchlist: ['multi-target'] });
    const b = await connect({ id: 'multi-b', watchlist: ['multi-target', 'multi-a'] });
    const bystander = await connect({ id: 'multi-c' });
    const target = await connect({ id: 'multi-target' });
    await a.waitFor('multi-target', 'online');
    await b.waitFor('multi-target', 'online');
    target.client.disconnect();
    await a.waitFor('multi-target', 'offline');
    await b.waitFor('multi-target', 'offline');
    expect(bystander.events).toEqual([]);
  });

  it('over 100 ids: signin succeeds, error 4302 follows, and only the first 100 are watched', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `limit-${i}`);
    const watcher = await connect({ id: 'limit-watcher', watchlist: ids });
    expect(watcher.client.user.user_data).toMatchObject({ id: 'limit-watcher' });
    await until('error 4302', () => watcher.errorCodes.includes(4302));
    await until('initial offline', () => watcher.events.length === 1);
    expect(watcher.events[0]?.user_ids).toEqual(ids.slice(0, 100));
    await connect({ id: 'limit-100' });
    await connect({ id: 'limit-99' });
    // limit-99 connected after limit-100, so its online is the marker: one for limit-100 would have come first.
    await watcher.waitFor('limit-99', 'online');
    expect(countOf(watcher, 'online', 'limit-100')).toBe(0);
  });

  it('refuses a malformed watchlist with 4009 like any bad user_data, and the server stays up', async () => {
    for (const watchlist of ['not-a-list', [42], [''], ['x'.repeat(129)]]) {
      const raw = suite.track(await RawClient.connect(suite.port));
      raw.send({ event: 'pusher:signin', data: suite.server.rest.authenticateUser(raw.socketId, { id: 'bad-list', watchlist }) });
      expect((await raw.waitClose()).code).toBe(4009);
      expect(raw.seen('pusher:signin_success')).toHaveLength(0);
    }
    await expectServerHealthy(suite.server);
  });

  it('a connection signed in "invisible" is never reported online (appear offline)', async () => {
    const watcher = await connect({ id: 'inv-watcher', watchlist: ['inv-user', 'inv-marker-1', 'inv-marker-2'] });
    await watcher.waitFor('inv-user', 'offline');
    const hidden = await connect({ id: 'inv-user', invisible: true });
    // Markers: a watched user connecting after, whose online would come after one for the hidden connection.
    await connect({ id: 'inv-marker-1' });
    await watcher.waitFor('inv-marker-1', 'online');
    expect(countOf(watcher, 'online', 'inv-user')).toBe(0);
    const late = await connect({ id: 'inv-late', watchlist: ['inv-user'] });
    await late.waitFor('inv-user', 'offline');
    const visible = await connect({ id: 'inv-user' });
    await watcher.waitFor('inv-user', 'online');
    visible.client.disconnect();
    await watcher.waitFor('inv-user', 'offline');
    hidden.client.disconnect();
    await connect({ id: 'inv-marker-2' });
    await watcher.waitFor('inv-marker-2', 'online');
    expect(countOf(watcher, 'online', 'inv-user')).toBe(1);
    expect(countOf(watcher, 'offline', 'inv-user')).toBe(2);
  });

  it('signing in again on the same connection switches between visible and invisible, and replaces the watchlist', async () => {
    const watcher = await connect({ id: 'again-watcher', watchlist: ['again-user'] });
    await watcher.waitFor('again-user', 'offline');
    const raw = suite.track(await RawClient.connect(suite.port));
    const signIn = async (user: WatchingUser) => {
      const before = raw.seen('pusher:signin_success').length;
      raw.send({ event: 'pusher:signin', data: suite.server.rest.authenticateUser(raw.socketId, user) });
      await until('signin_success', () => raw.seen('pusher:signin_success').length > before);
    };
    await signIn({ id: 'again-user' });
    await watcher.waitFor('again-user', 'online');
    await signIn({ id: 'again-user', invisible: true });
    await watcher.waitFor('again-user', 'offline');
    await signIn({ id: 'again-user', watchlist: ['again-watcher'] });
    await watcher.waitFor('again-user', 'online');
    // The new watchlist gets its own initial status on the same connection.
    await until('initial status of the new watchlist', () =>
      raw.seen('pusher_internal:watchlist_events').some((frame) => JSON.stringify(frame.data).includes('again-watcher')),
    );
    expect(watcher.events.map((event) => event.name)).toEqual(['offline', 'online', 'offline', 'online']);
  });
});
