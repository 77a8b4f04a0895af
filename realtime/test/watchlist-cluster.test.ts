import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, stopCluster, type ClusterNode } from './helpers/cluster';
import { disconnectAll, type TestClient } from './helpers/pusher-client';
import { findRedis, TestRedis } from './helpers/redis';
import { RawClient } from './helpers/raw-client';
import { until } from './helpers/wait';
import { connectWatching, countOf, type WatchingClient, type WatchingUser } from './helpers/watchlist-client';

const redisSource = findRedis();
/** The cluster issue's bound from a SIGKILL to its users being gone (default lease 3 s + reaper tick). */
const REAP_DEADLINE_MS = 5_000;

describe.skipIf(redisSource.kind === 'none')('cluster: watchlists over several nodes', () => {
  let redis: TestRedis | null = null;
  let nodes: ClusterNode[] = [];
  const clients: TestClient[] = [];
  const raws: RawClient[] = [];

  afterEach(async () => {
    disconnectAll(clients);
    for (const raw of raws.splice(0)) raw.close();
    await stopCluster(nodes);
    nodes = [];
    await redis?.close();
    redis = null;
  });

  const connect = async (node: ClusterNode, user: WatchingUser): Promise<WatchingClient> => {
    const watching = await connectWatching(node, user);
    clients.push(watching.client);
    return watching;
  };

  it('online means signed in on any node; a SIGKILLed node\'s users go offline when it is reaped', async () => {
    redis = await TestRedis.start(redisSource);
    nodes = await startCluster(redis.url, 2);
    const [a, b] = nodes as [ClusterNode, ClusterNode];
    const watcher = await connect(a, { id: 'watcher', watchlist: ['roamer', 'stayer'] });
    await watcher.waitFor('roamer', 'offline');
    await connect(b, { id: 'roamer' });
    await watcher.waitFor('roamer', 'online');
    const stayerOnA = await connect(a, { id: 'stayer' });
    await connect(b, { id: 'stayer' });
    await watcher.waitFor('stayer', 'online');
    // A later watcher on the other node reads the shared status.
    const late = await connect(b, { id: 'late', watchlist: ['roamer', 'stayer'] });
    await late.waitFor('roamer', 'online');
    await late.waitFor('stayer', 'online');

    // Signing in again on one connection (the app does it when "Appear offline" changes): invisible → offline.
    const toggler = await RawClient.connect(b.port);
    raws.push(toggler);
    const signIn = async (user: WatchingUser) => {
      const before = toggler.seen('pusher:signin_success').length;
      toggler.send({ event: 'pusher:signin', data: b.rest.authenticateUser(toggler.socketId, user) });
      await until('signin_success', () => toggler.seen('pusher:signin_success').length > before);
    };
    const lateToggler = await connect(a, { id: 'late-toggler', watchlist: ['toggler'] });
    await signIn({ id: 'toggler' });
    await lateToggler.waitFor('toggler', 'online');
    await signIn({ id: 'toggler', invisible: true });
    await lateToggler.waitFor('toggler', 'offline');

    b.signal('SIGKILL');
    const killedAt = Date.now();
    await watcher.waitFor('roamer', 'offline', REAP_DEADLINE_MS + 1_000);
    expect(Date.now() - killedAt).toBeLessThan(REAP_DEADLINE_MS);
    // stayer still has a connection on A: still online, told once. Its offline when that one closes is the
    // marker: an offline from the reap (or a second online) would have come before it.
    stayerOnA.client.disconnect();
    await watcher.waitFor('stayer', 'offline');
    expect(watcher.events.filter((event) => event.user_ids.includes('stayer')).map((event) => event.name)).toEqual(['offline', 'online', 'offline']);
    expect(countOf(watcher, 'offline', 'roamer')).toBe(2);
  }, 30_000);
});
