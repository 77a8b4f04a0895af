import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restUsers, startCluster, stopCluster, type ClusterNode } from './helpers/cluster';
import { MemberLog, memberIds } from './helpers/member-log';
import type { PresenceChannel } from 'pusher-js';
import { connectClient, disconnectAll, subscribe, subscribePresence, type TestClient } from './helpers/pusher-client';
import { findRedis, TestRedis } from './helpers/redis';
import { channelMarker, webhookMarker } from './helpers/marker';
import { elapse, until } from './helpers/wait';
import { WebhookReceiver } from './helpers/webhook-receiver';

const redisSource = findRedis();
/** The race: the same user subscribing through two nodes at the same moment, this many times. */
const RACE_ROUNDS = 200;
/** Rounds run at once (each on its own channel). */
const RACE_PARALLEL = 20;
/** The churn phase. */
const CHURN_MS = 30_000;
const CHURN_USERS = 10;
const CHURN_MAX_CONNECTIONS = 3;
const CHURN_STEP_MS = 40;
/** Generous: two shared cores may be busy with other work. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** Held webhook leaves, shortened so the test need not wait 3 s per check. */
const LEAVE_DELAY_MS = 500;


describe.skipIf(redisSource.kind === 'none')('cluster: one exact presence view over 3 nodes', () => {
  let redis: TestRedis;
  let nodes: ClusterNode[];
  let receiver: WebhookReceiver;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start(redisSource);
    receiver = await WebhookReceiver.start();
    nodes = await startCluster(redis.url, 3, { REALTIME_WEBHOOK_URL: receiver.url, REALTIME_WEBHOOK_LEAVE_DELAY_MS: String(LEAVE_DELAY_MS) });
  }, 60_000);

  afterAll(async () => {
    disconnectAll(clients);
    await stopCluster(nodes ?? []);
    await redis?.close();
    await receiver?.close();
  });

  const node = (i: number): ClusterNode => nodes[i] as ClusterNode;
  const client = async (i: number, userId: string): Promise<TestClient> => {
    const created = await connectClient(node(i), { presence: { user_id: userId, user_info: { name: userId } } });
    clients.push(created);
    return created;
  };

  it(`the same user joining through two nodes at once, ${RACE_ROUNDS} times: one member_added per observer and one webhook each time`, async () => {
    const racerA = await client(0, 'racer');
    const racerB = await client(1, 'racer');
    const observers = [await client(2, 'observer-2'), await client(0, 'observer-0')];
    const logs = new Map<string, MemberLog[]>();
    const round = async (i: number): Promise<void> => {
      const name = `presence-race-${i}`;
      logs.set(name, observers.map((observer) => new MemberLog(observer, name)));
      await Promise.all(observers.map((observer) => subscribePresence(observer, name)));
      const joins = [subscribePresence(racerA, name), subscribePresence(racerB, name)];
      await Promise.all(joins);
    };
    for (let first = 0; first < RACE_ROUNDS; first += RACE_PARALLEL) {
      await Promise.all(Array.from({ length: Math.min(RACE_PARALLEL, RACE_ROUNDS - first) }, (_, k) => round(first + k)));
    }
    await until('every observer saw the racer', () => [...logs.values()].every((pair) => pair.every((log) => log.count('added', 'racer') >= 1)), 10_000);
    // A marker on every round's channel to every observer: a second member_added would have come before it.
    await channelMarker(node(0), ...[...logs.keys()].flatMap((name) => observers.map((observer) => observer.channel(name))));
    for (const [name, pair] of logs) {
      for (const log of pair) {
        expect({ name, added: log.count('added', 'racer'), violations: log.violations }).toEqual({ name, added: 1, violations: [] });
      }
    }
    await receiver.waitFor('a member_added per round', (events) => events.filter((e) => e.name === 'member_added' && e.user_id === 'racer').length >= RACE_ROUNDS, 10_000);
    await webhookMarker(receiver, 'presence-race-marker', async () => subscribePresence(await client(1, 'race-marker'), 'presence-race-marker'));
    const racerAdds = receiver.events().filter((e) => e.name === 'member_added' && e.user_id === 'racer');
    expect(racerAdds).toHaveLength(RACE_ROUNDS);
    expect(new Set(racerAdds.map((e) => e.channel)).size).toBe(RACE_ROUNDS);
    disconnectAll(clients);
  }, 120_000);

  it('webhooks hold a leave across nodes: dropping and coming back through another node within the hold sends nothing', async () => {
    const channel = 'presence-hop';
    const hooks = (name: string): number => receiver.events().filter((e) => e.name === name && e.channel === channel && e.user_id === 'hopper').length;
    const first = await client(0, 'hopper');
    await subscribePresence(first, channel);
    await receiver.waitFor('member_added for hopper', () => hooks('member_added') === 1);
    first.disconnect();
    await subscribePresence(await client(2, 'hopper'), channel);
    // The hold window runs out (time is what is tested), then a marker join queued after anything it released.
    await elapse(LEAVE_DELAY_MS);
    await webhookMarker(receiver, `${channel}-marker-1`, async () => subscribePresence(await client(1, 'hop-marker'), `${channel}-marker-1`));
    expect([hooks('member_added'), hooks('member_removed')]).toEqual([1, 0]);

    disconnectAll(clients);
    await receiver.waitFor('member_removed for hopper', () => hooks('member_removed') === 1);
    await webhookMarker(receiver, `${channel}-marker-2`, async () => subscribePresence(await client(1, 'hop-marker'), `${channel}-marker-2`));
    expect([hooks('member_added'), hooks('member_removed')]).toEqual([1, 1]);
    expect(receiver.events().filter((e) => e.channel === channel && e.name === 'channel_vacated')).toHaveLength(1);
  }, 30_000);

  it('churn across nodes for 30 s, then quiet: every member list equals REST /users equals who is connected', async () => {
    const channel = 'presence-churn';
    const observers = await Promise.all([0, 1, 2].map((i) => client(i, `watcher-${i}`)));
    const logs = observers.map((observer) => new MemberLog(observer, channel));
    await Promise.all(observers.map((observer) => subscribePresence(observer, channel)));

    interface Session {
      client: TestClient;
      subscribed: boolean;
    }
    const sessions = new Map<string, Session[]>();
    const opening = new Map<string, number>();
    const users = Array.from({ length: CHURN_USERS }, (_, i) => `churner-${i}`);
    const failures: string[] = [];
    const open = async (userId: string): Promise<void> => {
      opening.set(userId, (opening.get(userId) ?? 0) + 1);
      try {
        const created = await client(Math.floor(Math.random() * 3), userId);
        await subscribe<PresenceChannel>(created, channel, SUBSCRIBE_TIMEOUT_MS);
        // Only a subscribed session may be closed by the churn, so none is closed mid-subscription.
        (sessions.get(userId) ?? sessions.set(userId, []).get(userId))?.push({ client: created, subscribed: true });
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      } finally {
        opening.set(userId, (opening.get(userId) ?? 1) - 1);
      }
    };
    const closeOne = (userId: string): void => {
      const list = sessions.get(userId) ?? [];
      const victim = list.splice(Math.floor(Math.random() * list.length), 1)[0];
      victim?.client.disconnect();
    };

    const deadline = Date.now() + CHURN_MS;
    const inflight: Promise<void>[] = [];
    while (Date.now() < deadline) {
      const userId = users[Math.floor(Math.random() * users.length)] as string;
      const live = (sessions.get(userId)?.length ?? 0) + (opening.get(userId) ?? 0);
      if (live === 0 || (live < CHURN_MAX_CONNECTIONS && Math.random() < 0.55)) inflight.push(open(userId));
      else if ((sessions.get(userId)?.length ?? 0) > 0) closeOne(userId);
      await new Promise((resolve) => setTimeout(resolve, CHURN_STEP_MS));
    }
    await Promise.all(inflight);
    expect(failures).toEqual([]);

    const expected = (): string[] =>
      [...observers.map((_, i) => `watcher-${i}`), ...users.filter((id) => (sessions.get(id) ?? []).some((s) => s.subscribed))].sort();
    const truth = expected();
    await until(
      'every observer shows who is connected',
      () => observers.every((observer) => JSON.stringify(memberIds(observer, channel)) === JSON.stringify(truth)),
      5_000,
    );
    for (const n of nodes) expect(await restUsers(n, channel)).toEqual(truth);
    for (const log of logs) {
      expect(log.violations).toEqual([]);
      expect([...log.members].sort()).toEqual(truth);
    }
  }, 90_000);
});
