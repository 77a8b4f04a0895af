import { Redis } from 'ioredis';
import type { PresenceChannel } from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterNode } from './helpers/cluster';
import { collect, connectClient, disconnectAll, nextEvent, subscribe, subscribePresence, type TestClient } from './helpers/pusher-client';
import { RedisProxy } from './helpers/redis-proxy';
import { findRedis, TestRedis } from './helpers/redis';
import { APP } from './helpers/server';
import { until } from './helpers/wait';

const redisSource = findRedis();
/** REST events published on the channel only the busy node has subscribers on. */
const LOUD_EVENTS = 20;
/** Pusher keeps a cache channel's last event for 30 minutes. */
const CACHE_TTL_MS = 30 * 60 * 1000;

describe.skipIf(redisSource.kind === 'none')('cluster: per-channel routing', () => {
  let redis: TestRedis;
  let proxy: RedisProxy;
  /** Reaches Redis through the proxy, which counts what its connections read. */
  let quiet: ClusterNode;
  let busy: ClusterNode;
  let prefix = '';
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start(redisSource);
    proxy = await RedisProxy.start(Number(new URL(redis.url).port));
    prefix = `routing-${process.pid}:`;
    [quiet, busy] = await Promise.all([ClusterNode.start(proxy.url, prefix), ClusterNode.start(redis.url, prefix)]);
  }, 60_000);

  afterAll(async () => {
    disconnectAll(clients);
    await Promise.all([quiet?.kill(), busy?.kill()]);
    await proxy?.close();
    await redis?.close();
  });

  const client = async (node: ClusterNode, options: Parameters<typeof connectClient>[1] = {}): Promise<TestClient> => {
    const created = await connectClient(node, options);
    clients.push(created);
    return created;
  };

  it('a node with no subscriber on a channel reads none of its events, client events or member events from Redis', async () => {
    const watcher = await client(quiet);
    const markers = collect<{ marker: string }>(await subscribe(watcher, 'elsewhere'), 'tick');
    const listener = await client(busy);
    const loud = collect<{ n: number }>(await subscribe(listener, 'loud'), 'news');
    const alice = await client(busy, { presence: { user_id: 'alice', user_info: { name: 'LOUDMEMBER-alice' } } });
    const aliceRoom = await subscribePresence(alice, 'presence-loud');
    proxy.resetCounts();

    for (let n = 0; n < LOUD_EVENTS; n += 1) await busy.rest.trigger('loud', 'news', { n, text: 'LOUDDATA' });
    const bob = await client(busy, { presence: { user_id: 'bob', user_info: { name: 'LOUDMEMBER-bob' } } });
    const bobRoom = await subscribePresence(bob, 'presence-loud');
    const wave = nextEvent(bobRoom, 'client-wave');
    aliceRoom.trigger('client-wave', { text: 'LOUDCLIENT' });
    await wave;
    await until('every REST event delivered on the busy node', () => loud.length === LOUD_EVENTS);
    await until('alice sees bob', () => (aliceRoom as PresenceChannel).members.count === 2);

    // A later event on a channel the quiet node does hear, through the same connection: what came before it has been read.
    await busy.rest.trigger('elsewhere', 'tick', { marker: 'QUIETMARKER' });
    await until('the marker reached the quiet node', () => markers.length === 1);
    expect(proxy.receivedCount('QUIETMARKER')).toBe(1);
    expect({ data: proxy.receivedCount('LOUDDATA'), client: proxy.receivedCount('LOUDCLIENT'), members: proxy.receivedCount('LOUDMEMBER') }).toEqual({ data: 0, client: 0, members: 0 });
  });

  it('a node starts hearing a channel with its first local subscriber and stops with its last', async () => {
    const listener = await client(busy);
    await subscribe(listener, 'comes-and-goes');
    const visitor = await client(quiet);
    const seen = collect<{ n: number }>(await subscribe(visitor, 'comes-and-goes'), 'e');
    await busy.rest.trigger('comes-and-goes', 'e', { n: 1, text: 'HEARDWHILESUBSCRIBED' });
    await until('the visitor got the event', () => seen.length === 1);
    visitor.unsubscribe('comes-and-goes');
    // The unsubscribe and a later subscription on another channel travel in order on the visitor's socket.
    const after = collect(await subscribe(visitor, 'after-leaving'), 'e');
    proxy.resetCounts();
    await busy.rest.trigger('comes-and-goes', 'e', { n: 2, text: 'SENTAFTERLEAVING' });
    await busy.rest.trigger('after-leaving', 'e', { text: 'QUIETMARKER2' });
    await until('the later marker arrived', () => after.length === 1);
    expect(proxy.receivedCount('SENTAFTERLEAVING')).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('a cache channel answers the same on every node: a node started after the event replays it, kept 30 minutes in Redis', async () => {
    await busy.rest.trigger('cache-scores', 'score', { n: 1 });
    await busy.rest.trigger('cache-scores', 'score', { n: 2 });
    const sender = await client(busy);
    const room = await subscribe(sender, 'private-cache-room');
    const witness = await client(busy);
    const relayed = nextEvent(await subscribe(witness, 'private-cache-room'), 'client-state');
    room.trigger('client-state', { on: true });
    // It came back through Redis, so Redis holds it.
    await relayed;
    const late = await ClusterNode.start(redis.url, prefix);
    try {
      const newcomer = await client(late);
      const scores = newcomer.subscribe('cache-scores');
      const replay = await nextEvent<{ n: number }>(scores, 'score');
      expect(replay.data).toEqual({ n: 2 });
      const state = nextEvent<{ on: boolean }>(newcomer.subscribe('private-cache-room'), 'client-state');
      expect((await state).data).toEqual({ on: true });
      await nextEvent(newcomer.subscribe('cache-never-published'), 'pusher:cache_miss');
      const admin = new Redis(redis.url);
      try {
        const ttl = await admin.pttl(`${prefix}cache:${APP.id}\u001fcache-scores`);
        expect(ttl).toBeGreaterThan(CACHE_TTL_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(CACHE_TTL_MS);
      } finally {
        admin.disconnect();
      }
    } finally {
      disconnectAll(clients);
      await late.kill();
    }
  }, 40_000);
});
