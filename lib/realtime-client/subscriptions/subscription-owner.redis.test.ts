import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableOrFailInCi } from '@/lib/test-support/required-in-ci';
import { connectAs, eventually, nextEvent, startProcess, startRealtimeNode, stopProcess } from './realtime-node.test-support';
import { SubscriptionOwner } from './subscription-owner';

/**
 * The realtime server in cluster mode refuses subscriptions with status 503 while its Redis is away.
 * Here a real node and a real redis-server, stopped and started again, drive the official pusher-js client.
 */
const REDIS_PORTS = [6380, 6381, 6382, 6383, 6384, 6385, 6386, 6387, 6388, 6389];
const FAST_RETRIES_MS = [200, 400, 800];
const redisBinary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();

async function freeRedisPort(): Promise<number> {
  for (const port of REDIS_PORTS) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 6380-6389 for redis-server');
}

describe.skipIf(!availableOrFailInCi(redisBinary !== '', 'redis-server on PATH'))('a room subscription refused while the cluster has no Redis (needs redis-server on PATH)', () => {
  let redisPort = 0;
  let redis: ReturnType<typeof startProcess> | undefined;
  let node: ReturnType<typeof startProcess> | undefined;
  let nodePort = 0;
  const clients: Pusher[] = [];

  const startRedis = async (): Promise<void> => {
    redis = startProcess(redisBinary, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    await eventually('redis-server ready', () => (/Ready to accept connections/.test(redis?.output() ?? '') ? true : null), 10_000);
  };
  const up = async (): Promise<number> => (await fetch(`http://127.0.0.1:${nodePort}/up`)).status;

  beforeAll(async () => {
    redisPort = await freeRedisPort();
    await startRedis();
    ({ node, port: nodePort } = await startRealtimeNode({ REALTIME_REDIS_URL: `redis://127.0.0.1:${redisPort}` }));
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await stopProcess(node?.child);
    await stopProcess(redis?.child);
  });

  const connect = async (userId: string): Promise<Pusher> => {
    const client = await connectAs(nodePort, userId);
    clients.push(client);
    return client;
  };

  it('rejoins once Redis is back, where a plain unsubscribe() + subscribe() never does', async () => {
    const withRetry = await connect('ada');
    const plain = await connect('bob');

    await stopProcess(redis?.child);
    await eventually('node says 503', async () => ((await up()) === 503 ? true : null), 5_000);

    const owner = new SubscriptionOwner(withRetry, { retryDelaysMs: FAST_RETRIES_MS });
    const lease = owner.hold('presence-room');
    const room = lease.channel;
    const refused = (await nextEvent(room, 'pusher:subscription_error')) as { status?: number };
    expect(refused.status).toBe(503);
    const joined = nextEvent(room, 'pusher:subscription_succeeded');

    const plainRoom = plain.subscribe('presence-room');
    expect(((await nextEvent(plainRoom, 'pusher:subscription_error')) as { status?: number }).status).toBe(503);

    await startRedis();
    await eventually('node live again', async () => ((await up()) === 200 ? true : null), 10_000);
    // What an app would try without the owner: pusher-js only cancels and reinstates its pending state.
    plain.unsubscribe('presence-room');
    plain.subscribe('presence-room');

    const members = (await joined) as { count: number; me: { id: string } };
    expect(members.me.id).toBe('ada');
    expect(room.subscribed).toBe(true);
    // A marker through the plain client's socket: had pusher-js sent the room's subscribe again, its answer would
    // come before this one's.
    const marker = plain.subscribe('presence-marker');
    await nextEvent(marker, 'pusher:subscription_succeeded');
    expect(plainRoom.subscribed).toBe(false);
    expect(owner.status('presence-room')).toEqual({ hold: 'held', server: 'subscribed', holders: 1 });
    lease.release();
    owner.dispose();
  }, 40_000);
});
