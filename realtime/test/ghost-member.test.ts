import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../src/connection/connection';
import { CloseCode } from '../src/errors';
import { rawSubscribe } from './helpers/raw-auth';
import { RawClient } from './helpers/raw-client';
import { findRedis, TestRedis } from './helpers/redis';
import { APP, startTestServer, type TestServer, type TestServerOptions } from './helpers/server';
import { until } from './helpers/wait';

const redisSource = findRedis();
/** Generous for a cluster round trip on two busy cores. */
const SETTLE_TIMEOUT_MS = 5_000;

/**
 * The injected interleaving: the server-side connection's next frame finds it "not reading", exactly
 * as `Connection.sendFrame` does with a full socket buffer (4100), so it is closed by the answer to its
 * own subscription, while that subscription is being answered.
 */
function closeOnNextFrame(connection: Connection): void {
  const original = connection.sendFrame.bind(connection);
  connection.sendFrame = (): boolean => {
    connection.sendFrame = original;
    connection.close(CloseCode.OverCapacity, 'Client is not reading its messages');
    return false;
  };
}

async function occupied(test: TestServer, channel: string): Promise<{ occupied: boolean; users: string[] }> {
  const info = (await (await test.rest.get({ path: `/channels/${channel}` })).json()) as { occupied: boolean };
  const users = channel.startsWith('presence-')
    ? ((await (await test.rest.get({ path: `/channels/${channel}/users` })).json()) as { users: { id: string }[] }).users.map((user) => user.id)
    : [];
  return { occupied: info.occupied, users };
}

function raceSuite(label: string, options: () => TestServerOptions, redisKeys?: () => Promise<string[]>): void {
  describe(`a connection closed with 4100 while its subscription is answered (${label})`, () => {
    let test: TestServer;
    beforeAll(async () => {
      test = await startTestServer(options());
    });
    afterAll(() => test?.close());

    it.each([
      ['a presence channel', 'presence-room', true],
      ['a public channel', 'lobby', false],
    ])('leaves no member and no channel behind on %s', async (_kind, base, presence) => {
      const channel = `${base}-${randomBytes(3).toString('hex')}`;
      const app = test.server.apps.findById(APP.id);
      const observer = await RawClient.connect(test.port);
      if (presence) await rawSubscribe(test, observer, channel, { user_id: 'observer' });
      const victim = await RawClient.connect(test.port);
      const serverSide = app?.connections.get(victim.socketId);
      if (!serverSide) throw new Error('no server-side connection');
      closeOnNextFrame(serverSide);
      const signed = presence ? test.rest.authorizeChannel(victim.socketId, channel, { user_id: 'ghost', user_info: { name: 'Ghost' } }) : {};
      victim.send({ event: 'pusher:subscribe', data: { channel, ...signed } });
      expect((await victim.closed).code).toBe(CloseCode.OverCapacity);

      if (presence) {
        // The others saw the ghost join, so they must see it leave.
        await observer.next('pusher_internal:member_added', (frame) => frame.channel === channel);
        const removed = await observer.next('pusher_internal:member_removed', (frame) => frame.channel === channel, SETTLE_TIMEOUT_MS);
        expect(removed.data).toEqual({ user_id: 'ghost' });
        expect(await occupied(test, channel)).toEqual({ occupied: true, users: ['observer'] });
        observer.close();
        await observer.closed;
      }
      await until('the channel to be vacated on this node', () => app?.channels.get(channel) === undefined, SETTLE_TIMEOUT_MS);
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      let state = await occupied(test, channel);
      while (state.occupied && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = await occupied(test, channel);
      }
      expect(state).toEqual({ occupied: false, users: [] });
      expect(app?.connections.has(victim.socketId)).toBe(false);
      if (redisKeys) {
        const keys = await redisKeys();
        expect(keys.filter((key) => key.includes(channel))).toEqual([]);
      }
      if (!presence) observer.close();
    });
  });
}

raceSuite('one node, state in memory', () => ({}));

describe.skipIf(redisSource.kind === 'none' && process.env.CI !== 'true')('cluster state in Redis', () => {
  let redis: TestRedis;
  let admin: Redis;
  const keyPrefix = `ghost-${randomBytes(3).toString('hex')}:`;
  beforeAll(async () => {
    redis = await TestRedis.start(redisSource);
    admin = new Redis(redis.url);
  }, 30_000);
  afterAll(async () => {
    admin?.disconnect();
    await redis?.close();
  });
  raceSuite('a cluster node, state in Redis', () => ({ cluster: { redisUrl: redis.url, keyPrefix } }), async () => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await admin.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    // Membership lives in per-channel hashes and per-node/per-app sets: the channel must appear in no key, field nor member.
    const entries = await Promise.all(keys.map(async (key) => {
      const type = await admin.type(key);
      const parts = type === 'hash' ? await admin.hkeys(key) : type === 'set' ? await admin.smembers(key) : type === 'zset' ? await admin.zrange(key, 0, -1) : [];
      return [key, ...parts.map((part) => `${key} ${part}`)];
    }));
    return entries.flat();
  });
});
