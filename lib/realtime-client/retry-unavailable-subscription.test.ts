import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableOrFailInCi } from '@/lib/test-support/required-in-ci';
import { retryUnavailableSubscription } from './retry-unavailable-subscription';

/**
 * The realtime server in cluster mode refuses subscriptions with status 503 while its Redis is away.
 * Here a real node (`realtime/src/main.ts` as a process, talked to over the protocol only) and a real
 * redis-server, stopped and started again, drive the official pusher-js client.
 */
const APP = { id: 'retry-app', key: 'retry-key', secret: 'retry-secret' };
const REPO_ROOT = path.resolve(__dirname, '../..');
const REDIS_PORTS = [6380, 6381, 6382, 6383, 6384, 6385, 6386, 6387, 6388, 6389];
const FAST_RETRIES_MS = [200, 400, 800];
const redisBinary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();

function startProcess(command: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGKILL');
  await exited;
}

async function eventually<T>(what: string, read: () => T | null | Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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

function nextEvent(channel: Channel, event: string): Promise<unknown> {
  return new Promise((resolve) => channel.bind(event, resolve));
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
    node = startProcess(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], {
      PUSHER_APP_ID: APP.id,
      PUSHER_APP_KEY: APP.key,
      PUSHER_APP_SECRET: APP.secret,
      REALTIME_PORT: '0',
      REALTIME_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REALTIME_LOG_FORMAT: 'json',
    });
    nodePort = await eventually(
      'realtime listening line',
      () => {
        const match = /^realtime listening on ws:\/\/127\.0\.0\.1:(\d+)$/m.exec(node?.output() ?? '');
        return match?.[1] ? Number(match[1]) : null;
      },
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await stopProcess(node?.child);
    await stopProcess(redis?.child);
  });

  const connect = async (userId: string): Promise<Pusher> => {
    const signer = new PusherServer({ appId: APP.id, key: APP.key, secret: APP.secret, host: '127.0.0.1' });
    const client = new Pusher(APP.key, {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: nodePort,
      forceTLS: false,
      enabledTransports: ['ws'],
      disableStats: true,
      channelAuthorization: {
        customHandler: ({ socketId, channelName }, callback) => callback(null, signer.authorizeChannel(socketId, channelName, { user_id: userId })),
      },
    });
    clients.push(client);
    await new Promise<void>((resolve) => client.connection.bind('connected', () => resolve()));
    return client;
  };

  it('rejoins once Redis is back, where a plain unsubscribe() + subscribe() never does', async () => {
    const withRetry = await connect('ada');
    const plain = await connect('bob');

    await stopProcess(redis?.child);
    await eventually('node says 503', async () => ((await up()) === 503 ? true : null), 5_000);

    const room = withRetry.subscribe('presence-room');
    const stopRetrying = retryUnavailableSubscription(withRetry, room, FAST_RETRIES_MS);
    const refused = (await nextEvent(room, 'pusher:subscription_error')) as { status?: number };
    expect(refused.status).toBe(503);
    const joined = nextEvent(room, 'pusher:subscription_succeeded');

    const plainRoom = plain.subscribe('presence-room');
    expect(((await nextEvent(plainRoom, 'pusher:subscription_error')) as { status?: number }).status).toBe(503);

    await startRedis();
    await eventually('node live again', async () => ((await up()) === 200 ? true : null), 10_000);
    // What an app would try without the module: pusher-js only cancels and reinstates its pending state.
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
    stopRetrying();
  }, 40_000);
});

describe('a room subscription refused for subscribing too fast (429)', () => {
  let node: ReturnType<typeof startProcess> | undefined;
  let nodePort = 0;
  const clients: Pusher[] = [];

  beforeAll(async () => {
    node = startProcess(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], {
      PUSHER_APP_ID: APP.id,
      PUSHER_APP_KEY: APP.key,
      PUSHER_APP_SECRET: APP.secret,
      REALTIME_PORT: '0',
      REALTIME_LOG_FORMAT: 'json',
      // One subscribe request per second, with a burst of one: the second within the second is refused.
      REALTIME_MAX_SUBSCRIPTIONS_PER_CONNECTION: '1',
      REALTIME_SUBSCRIBES_PER_SECOND: '1',
    });
    nodePort = await eventually(
      'realtime listening line',
      () => {
        const match = /^realtime listening on ws:\/\/127\.0\.0\.1:(\d+)$/m.exec(node?.output() ?? '');
        return match?.[1] ? Number(match[1]) : null;
      },
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await stopProcess(node?.child);
  });

  it('is tried again later and joins, as a person switching rooms quickly expects', async () => {
    const signer = new PusherServer({ appId: APP.id, key: APP.key, secret: APP.secret, host: '127.0.0.1' });
    const client = new Pusher(APP.key, {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: nodePort,
      forceTLS: false,
      enabledTransports: ['ws'],
      disableStats: true,
      channelAuthorization: {
        customHandler: ({ socketId, channelName }, callback) => callback(null, signer.authorizeChannel(socketId, channelName, { user_id: 'cy' })),
      },
    });
    clients.push(client);
    await new Promise<void>((resolve) => client.connection.bind('connected', () => resolve()));

    const first = client.subscribe('presence-first');
    await nextEvent(first, 'pusher:subscription_succeeded');
    client.unsubscribe('presence-first');
    const room = client.subscribe('presence-second');
    const stopRetrying = retryUnavailableSubscription(client, room, FAST_RETRIES_MS);
    const refused = (await nextEvent(room, 'pusher:subscription_error')) as { status?: number; type?: string };
    expect(refused).toMatchObject({ status: 429, type: 'RateLimited' });
    const members = (await nextEvent(room, 'pusher:subscription_succeeded')) as { me: { id: string } };
    expect(members.me.id).toBe('cy');
    stopRetrying();
  }, 40_000);
});
