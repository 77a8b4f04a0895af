import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PresenceChannel } from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, stopCluster, type ClusterNode } from './helpers/cluster';
import { collect, connectClient, disconnectAll, nextEvent, subscribe, subscribePresence, waitForState, type TestClient } from './helpers/pusher-client';
import { findRedis, TestRedis } from './helpers/redis';
import { APP } from './helpers/server';
import { channelMarker } from './helpers/marker';
import { until } from './helpers/wait';

const redisSource = findRedis();
/** A small member cap for this cluster's app, so "the cap counts the whole cluster" is cheap to test. */
const MEMBER_CAP = 3;
/** Rounds of "client event, then unsubscribe" whose order is checked. */
const ORDER_ROUNDS = 6;

describe.skipIf(redisSource.kind === 'none')('cluster: delivery across 3 nodes over one Redis', () => {
  let redis: TestRedis;
  let nodes: ClusterNode[];
  let appsFile = '';
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start(redisSource);
    appsFile = path.join(mkdtempSync(path.join(tmpdir(), 'cluster-apps-')), 'apps.json');
    writeFileSync(appsFile, JSON.stringify({ apps: [{ ...APP, limits: { maxPresenceMembers: MEMBER_CAP } }] }));
    nodes = await startCluster(redis.url, 3, { REALTIME_APPS_FILE: appsFile });
  }, 60_000);

  afterEach(() => disconnectAll(clients));

  afterAll(async () => {
    disconnectAll(clients);
    await stopCluster(nodes ?? []);
    await redis?.close();
    if (appsFile) rmSync(path.dirname(appsFile), { recursive: true, force: true });
  });

  const node = (i: number): ClusterNode => nodes[i] as ClusterNode;
  const client = async (i: number, options: Parameters<typeof connectClient>[1] = {}): Promise<TestClient> => {
    const created = await connectClient(node(i), options);
    clients.push(created);
    return created;
  };

  it('answers /up 200 on every live node', async () => {
    expect(await Promise.all(nodes.map((n) => n.up()))).toEqual([200, 200, 200]);
  });

  it('delivers a REST event to subscribers on every node exactly once, skipping socket_id', async () => {
    const subscribers = await Promise.all([0, 1, 2, 0, 1, 2].map((i) => client(i)));
    const channels = await Promise.all(subscribers.map((c) => subscribe(c, 'news')));
    const received = channels.map((channel) => collect(channel, 'headline'));
    const excluded = subscribers[4] as TestClient;
    await node(2).rest.trigger('news', 'headline', { n: 1 }, { socket_id: excluded.connection.socket_id });
    await until('five deliveries', () => received.filter((r) => r.length === 1).length === 5);
    await channelMarker(node(2), ...channels);
    expect(received.map((r) => r.length)).toEqual([1, 1, 1, 1, 0, 1]);
  });

  it('relays client events to subscribers on the other nodes, with user_id on presence', async () => {
    const alice = await client(0, { presence: { user_id: 'alice' } });
    const bob = await client(1, { presence: { user_id: 'bob' } });
    const carol = await client(2, { presence: { user_id: 'carol' } });
    const [a, b, c] = await Promise.all([alice, bob, carol].map((x) => subscribePresence(x, 'presence-chat')));
    await until('three members everywhere', () => [a, b, c].every((ch) => (ch as PresenceChannel).members.count === 3));
    const seenByBob = nextEvent(b as PresenceChannel, 'client-wave');
    const seenByCarol = nextEvent(c as PresenceChannel, 'client-wave');
    const seenByAlice = collect(a as PresenceChannel, 'client-wave');
    (a as PresenceChannel).trigger('client-wave', { hi: true });
    for (const seen of [await seenByBob, await seenByCarol]) {
      expect(seen.data).toEqual({ hi: true });
      expect((seen.metadata as { user_id?: string }).user_id).toBe('alice');
    }
    await channelMarker(node(0), a as PresenceChannel);
    expect(seenByAlice).toEqual([]);
  });

  it('delivers a client event and the unsubscribe sent right after it on one socket in that order, on every node', async () => {
    // Two observers and the leaver: within this app's member cap of 3.
    const observers = await Promise.all([0, 1].map((i) => client(i, { presence: { user_id: `observer-${i}` } })));
    const channels = await Promise.all(observers.map((observer) => subscribePresence(observer, 'presence-leaving')));
    const orders = channels.map((channel) => {
      const order: string[] = [];
      channel.bind('client-leaving', () => order.push('client-leaving'));
      channel.bind('pusher:member_removed', () => order.push('member_removed'));
      return order;
    });
    for (let round = 1; round <= ORDER_ROUNDS; round += 1) {
      // The leaver sits on each node in turn: with an observer, or with none (everything crosses Redis).
      const leaver = await client(round % 3, { presence: { user_id: 'leaver' } });
      const channel = await subscribePresence(leaver, 'presence-leaving');
      await until('everyone sees the leaver', () => channels.every((c) => c.members.count === 3));
      channel.trigger('client-leaving', {});
      leaver.unsubscribe('presence-leaving');
      await until(`round ${round} delivered everywhere`, () => orders.every((order) => order.length === 2 * round));
    }
    const expected = Array.from({ length: ORDER_ROUNDS }, () => ['client-leaving', 'member_removed']).flat();
    expect(orders).toEqual([expected, expected]);
  });

  it('sendToUser and terminate_connections reach a user connected to all three nodes', async () => {
    const sessions = await Promise.all([0, 1, 2].map((i) => client(i, { user: { id: 'everywhere' } })));
    const bystander = await client(1, { user: { id: 'someone-else' } });
    const got = sessions.map((session) => {
      const seen: unknown[] = [];
      session.user.bind('notice', (data: unknown) => seen.push(data));
      return seen;
    });
    const bystanderGot: unknown[] = [];
    bystander.user.bind('notice', (data: unknown) => bystanderGot.push(data));
    await until('every server-to-user subscription acknowledged', () => [...sessions, bystander].every((session) => session.user.serverToUserChannel?.subscribed === true));
    await node(0).rest.sendToUser('everywhere', 'notice', { text: 'hello' });
    await until('each session got it', () => got.every((seen) => seen.length === 1));
    // Markers sent after, to the same people: a second notice, or one for the bystander, would come first.
    const markers = [...sessions, bystander].map((session) => new Promise<void>((resolve) => session.user.bind('marker', () => resolve())));
    await node(1).rest.sendToUser('everywhere', 'marker', {});
    await node(1).rest.sendToUser('someone-else', 'marker', {});
    await Promise.all(markers);
    expect(got).toEqual([[{ text: 'hello' }], [{ text: 'hello' }], [{ text: 'hello' }]]);
    expect(bystanderGot).toEqual([]);

    const response = await node(2).rest.terminateUserConnections('everywhere');
    expect(response.status).toBe(200);
    await Promise.all(sessions.map((session) => waitForState(session, 'disconnected')));
    expect(bystander.connection.state).toBe('connected');
  });

  it('answers REST channel queries from any node with cluster-wide counts (a user on two nodes counts once)', async () => {
    const one = await client(0, { presence: { user_id: 'dana' } });
    const two = await client(1, { presence: { user_id: 'dana' } });
    const three = await client(2, { presence: { user_id: 'erin' } });
    await Promise.all([one, two, three].map((x) => subscribePresence(x, 'presence-count')));
    for (const n of nodes) {
      const info = (await (await n.rest.get({ path: '/channels/presence-count', params: { info: 'user_count,subscription_count' } })).json()) as unknown;
      expect(info).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
      const users = (await (await n.rest.get({ path: '/channels/presence-count/users' })).json()) as { users: { id: string }[] };
      expect(users.users.map((u) => u.id).sort()).toEqual(['dana', 'erin']);
      const list = (await (await n.rest.get({ path: '/channels', params: { filter_by_prefix: 'presence-count', info: 'user_count' } })).json()) as unknown;
      expect(list).toEqual({ channels: { 'presence-count': { user_count: 2 } } });
    }
  });

  it('keeps events of a channel in the order they were published, on every node', async () => {
    const subscribers = await Promise.all([0, 1, 2].map((i) => client(i)));
    const received = await Promise.all(subscribers.map(async (c) => collect<{ n: number }>(await subscribe(c, 'ordered'), 'tick')));
    const EVENTS = 100;
    for (let first = 0; first < EVENTS; first += 10) {
      await node(first % 3).rest.triggerBatch(Array.from({ length: 10 }, (_, k) => ({ channel: 'ordered', name: 'tick', data: { n: first + k } })));
    }
    await until('every node delivered all', () => received.every((r) => r.length === EVENTS), 10_000);
    for (const r of received) expect(r.map((e) => e.n)).toEqual(Array.from({ length: EVENTS }, (_, i) => i));
  });

  it(`counts the member cap (${MEMBER_CAP} here) over the whole cluster, not per node`, async () => {
    const channel = 'presence-capped';
    for (let i = 0; i < MEMBER_CAP; i += 1) await subscribePresence(await client(i, { presence: { user_id: `cap-${i}` } }), channel);
    const refused = await subscribePresence(await client(0, { presence: { user_id: 'one-too-many' } }), channel).then(
      () => null,
      (error: { data?: { type?: string; status?: number } }) => error.data,
    );
    expect(refused).toMatchObject({ type: 'LimitReached', status: 403 });
    // Another connection of an existing member is no new member: accepted on any node.
    const again = await subscribePresence(await client(1, { presence: { user_id: 'cap-2' } }), channel);
    expect(again.members.count).toBe(MEMBER_CAP);
  });
});
