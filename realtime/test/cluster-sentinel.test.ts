import type { PresenceChannel } from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterNode } from './helpers/cluster';
import { connectClient, disconnectAll, subscribePresence, type TestClient } from './helpers/pusher-client';
import { findSentinelBinaries, MASTER_NAME, TestSentinel } from './helpers/sentinel';
import { until } from './helpers/wait';

const binaries = findSentinelBinaries();
/** CI installs redis-sentinel: there a missing binary fails this file instead of skipping it. */
const mustRun = process.env.CI === 'true';
const NODES = 3;
const USERS = 30;
const ROOM = 'presence-failover';
/** The bars: every node live again within 5 s of +switch-master, every list right within 10 s. */
const UP_AFTER_SWITCH_MS = 5_000;
const LISTS_RIGHT_MS = 10_000;
/** Sentinel needs down-after (1 s here) plus an election: the switch normally comes within a few seconds. */
const SWITCH_WITHIN_MS = 20_000;

interface Watcher {
  client: TestClient;
  room: PresenceChannel;
  /** member_added / member_removed this client was sent, by user id. */
  added: Map<string, number>;
  removed: string[];
}

describe.skipIf(binaries === null && !mustRun)('cluster: Redis Sentinel failover', () => {
  let sentinel: TestSentinel;
  let nodes: ClusterNode[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    if (binaries === null) throw new Error('redis-server and redis-sentinel must be on PATH (.ci/run installs them)');
    sentinel = await TestSentinel.start(binaries);
    const prefix = `sentinel-${process.pid}:`;
    const env = { REALTIME_REDIS_SENTINELS: sentinel.sentinelList, REALTIME_REDIS_SENTINEL_MASTER: MASTER_NAME };
    nodes = await Promise.all(Array.from({ length: NODES }, () => ClusterNode.start('', prefix, env)));
  }, 60_000);

  afterAll(async () => {
    disconnectAll(clients);
    await Promise.all(nodes.map((node) => node.kill()));
    await sentinel?.close();
  });

  it(`SIGKILL of the master: ${NODES} nodes follow the promoted replica, /up 200 again, ${USERS} members stay exact with no duplicate member event`, async () => {
    const watchers: Watcher[] = [];
    for (let i = 0; i < USERS; i += 1) {
      const client = await connectClient(nodes[i % NODES] as ClusterNode, { presence: { user_id: `user-${i}`, user_info: { n: i } } });
      clients.push(client);
      const room = await subscribePresence(client, ROOM);
      const watcher: Watcher = { client, room, added: new Map(), removed: [] };
      room.bind('pusher:member_added', (member: { id: string }) => watcher.added.set(member.id, (watcher.added.get(member.id) ?? 0) + 1));
      room.bind('pusher:member_removed', (member: { id: string }) => watcher.removed.push(member.id));
      watchers.push(watcher);
    }
    const everyone = Array.from({ length: USERS }, (_, i) => `user-${i}`).sort();
    const listsRight = (): boolean => watchers.every((w) => Object.keys(w.room.members.members as Record<string, unknown>).sort().join() === everyone.join());
    await until('every list complete before the failover', listsRight, LISTS_RIGHT_MS);

    await sentinel.kill(sentinel.masterPort);
    await sentinel.waitForMaster(sentinel.replicaPort, SWITCH_WITHIN_MS);
    const switchedAt = Date.now();
    let statuses = await Promise.all(nodes.map((node) => node.up()));
    while (!statuses.every((status) => status === 200)) {
      if (Date.now() - switchedAt > UP_AFTER_SWITCH_MS) throw new Error(`/up answered ${JSON.stringify(statuses)} ${UP_AFTER_SWITCH_MS} ms after the switch`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      statuses = await Promise.all(nodes.map((node) => node.up()));
    }
    expect(Date.now() - switchedAt).toBeLessThanOrEqual(UP_AFTER_SWITCH_MS);

    // The promoted replica takes writes: a newcomer joins through it and everyone sees exactly one member_added.
    const newcomer = await connectClient(nodes[0] as ClusterNode, { presence: { user_id: 'newcomer' } });
    clients.push(newcomer);
    const newcomerRoom = await subscribePresence(newcomer, ROOM);
    everyone.push('newcomer');
    everyone.sort();
    await until('every list equals the truth after the failover', () => listsRight() && newcomerRoom.members.count === USERS + 1, LISTS_RIGHT_MS);
    for (const watcher of watchers) {
      expect(watcher.removed).toEqual([]);
      expect([...watcher.added.values()].every((count) => count === 1)).toBe(true);
      expect(watcher.added.get('newcomer')).toBe(1);
    }
  }, 90_000);
});
