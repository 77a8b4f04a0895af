import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ClusterNode, restUsers, startCluster, stopCluster } from './helpers/cluster';
import { MemberLog, memberIds } from './helpers/member-log';
import { connectClient, disconnectAll, subscribePresence, type TestClient } from './helpers/pusher-client';
import { rawSubscribe } from './helpers/raw-auth';
import { RawClient } from './helpers/raw-client';
import { findRedis, TestRedis } from './helpers/redis';
import { channelMarker, webhookMarker } from './helpers/marker';
import { elapse, until } from './helpers/wait';
import { WebhookReceiver } from './helpers/webhook-receiver';

const redisSource = findRedis();
/** The bound from SIGKILL to every member_removed. */
const REAP_DEADLINE_MS = 5_000;
/** The bound for member lists to converge after Redis comes back. */
const CONVERGE_DEADLINE_MS = 10_000;
/** Default lease (3 s) + reaper period (0.5 s) + margin: a SIGSTOP this long is past the lease. */
const FREEZE_MS = 5_000;
/** A short webhook lease, so a dead sender's webhook is taken back quickly. */
const WEBHOOK_LEASE_MS = 2_000;
/** How often the loops below ask the nodes again. */
const POLL_MS = 100;
/** Time for a node to take in a disconnect while Redis is away (there is nothing to await: it cannot publish). */
const LEAVE_WHILE_DOWN_MS = 500;


describe.skipIf(redisSource.kind === 'none')('cluster: a node or Redis dying', () => {
  let redis: TestRedis | null = null;
  let nodes: ClusterNode[] = [];
  let receiver: WebhookReceiver | null = null;
  const clients: TestClient[] = [];
  const raws: RawClient[] = [];

  afterEach(async () => {
    disconnectAll(clients);
    for (const raw of raws.splice(0)) raw.close();
    for (const n of nodes) {
      try {
        n.signal('SIGCONT');
      } catch {
        // already gone
      }
    }
    await stopCluster(nodes);
    nodes = [];
    await redis?.close();
    redis = null;
    await receiver?.close();
    receiver = null;
  });

  const client = async (node: ClusterNode, userId: string): Promise<TestClient> => {
    const created = await connectClient(node, { presence: { user_id: userId } });
    clients.push(created);
    return created;
  };

  it('SIGKILL: member_removed within 5 s for exactly the users with no connection left, REST agrees, webhooks once', async () => {
    redis = await TestRedis.start(redisSource);
    receiver = await WebhookReceiver.start();
    nodes = await startCluster(redis.url, 3, { REALTIME_WEBHOOK_URL: receiver.url });
    const [victim, n1, n2] = nodes as [ClusterNode, ClusterNode, ClusterNode];
    const channel = 'presence-kill';
    const watchers = [await client(n1, 'watcher-1'), await client(n2, 'watcher-2')];
    const logs = watchers.map((w) => new MemberLog(w, channel));
    await Promise.all(watchers.map((w) => subscribePresence(w, channel)));
    for (const [node, user] of [[victim, 'only-here-1'], [victim, 'only-here-2'], [victim, 'shared'], [n1, 'shared']] as const) {
      await subscribePresence(await client(node, user), channel);
    }
    const leftBefore = await client(victim, 'left-before');
    await subscribePresence(leftBefore, channel);
    const everyone = ['left-before', 'only-here-1', 'only-here-2', 'shared', 'watcher-1', 'watcher-2'];
    await until('five members everywhere', () => watchers.every((w) => memberIds(w, channel).length === everyone.length));
    await receiver.waitFor('member_added webhooks', (events) => events.filter((e) => e.name === 'member_added').length === everyone.length);

    // A leave the victim decided just before dying: its webhook is held (3 s) in Redis, not in the victim.
    leftBefore.disconnect();
    await until('left-before gone', () => logs.every((log) => log.count('removed', 'left-before') === 1));
    const killedAt = Date.now();
    await victim.kill();
    await until(
      'member_removed for the exclusive users on every watcher',
      () => logs.every((log) => log.count('removed', 'only-here-1') === 1 && log.count('removed', 'only-here-2') === 1),
      REAP_DEADLINE_MS,
    );
    const reapedAfterMs = Date.now() - killedAt;
    expect(reapedAfterMs).toBeLessThan(REAP_DEADLINE_MS);
    await channelMarker(n1, ...watchers.map((w) => w.channel(channel)));
    for (const log of logs) {
      expect(log.count('removed', 'shared')).toBe(0);
      expect(log.violations).toEqual([]);
    }
    const remaining = ['shared', 'watcher-1', 'watcher-2'];
    for (const w of watchers) expect(memberIds(w, channel)).toEqual(remaining);
    expect(await restUsers(n1, channel)).toEqual(remaining);
    expect(await restUsers(n2, channel)).toEqual(remaining);

    // member_removed webhooks are held 3 s (across nodes), then sent once, by one of the survivors.
    // The victim's own pending webhook is not lost: a survivor sends it.
    await receiver.waitFor('member_removed webhooks', (events) => events.filter((e) => e.name === 'member_removed').length >= 3, 6_000);
    await webhookMarker(receiver, 'presence-kill-marker', async () => subscribePresence(await client(n2, 'kill-marker'), 'presence-kill-marker'));
    const removedHooks = receiver.events().filter((e) => e.name === 'member_removed');
    expect(removedHooks.map((e) => e.user_id).sort()).toEqual(['left-before', 'only-here-1', 'only-here-2']);
  }, 60_000);

  it('a node SIGKILLed while its webhook request is pending: another node sends the webhook, once', async () => {
    redis = await TestRedis.start(redisSource);
    // The first request never gets an answer (a slow receiver): its sender dies while waiting.
    receiver = await WebhookReceiver.start({ respond: (index) => (index === 0 ? 'hang' : 200) });
    const hooks = receiver;
    const prefix = `test-${randomBytes(4).toString('hex')}:`;
    const env = { REALTIME_WEBHOOK_URL: hooks.url, REALTIME_WEBHOOK_LEASE_MS: String(WEBHOOK_LEASE_MS) };
    const sender = await ClusterNode.start(redis.url, prefix, env);
    nodes = [sender];
    await subscribePresence(await client(sender, 'alice'), 'presence-lease');
    await until('the sender posted member_added', () => hooks.requests >= 1);
    expect(hooks.events()).toEqual([]);
    await sender.kill();

    const survivor = await ClusterNode.start(redis.url, prefix, env);
    nodes.push(survivor);
    const addedForAlice = (): number => hooks.events().filter((e) => e.name === 'member_added' && e.user_id === 'alice').length;
    await hooks.waitFor('member_added sent by the survivor', () => addedForAlice() === 1, WEBHOOK_LEASE_MS + 6_000);
    // The survivor's own lease runs out (time is what is tested), then a marker join queued after a re-send.
    await elapse(WEBHOOK_LEASE_MS);
    await webhookMarker(hooks, 'presence-lease-marker', async () => subscribePresence(await client(survivor, 'lease-marker'), 'presence-lease-marker'));
    expect(addedForAlice()).toBe(1);
  }, 60_000);

  it('SIGSTOP past the lease, then SIGCONT: the frozen node is fenced (4200, new id) and resurrects no member', async () => {
    redis = await TestRedis.start(redisSource);
    nodes = await startCluster(redis.url, 3);
    const [frozen, n1, n2] = nodes as [ClusterNode, ClusterNode, ClusterNode];
    const channel = 'presence-freeze';
    const watchers = [await client(n1, 'watcher-1'), await client(n2, 'watcher-2')];
    const logs = watchers.map((w) => new MemberLog(w, channel));
    await Promise.all(watchers.map((w) => subscribePresence(w, channel)));
    const sleeper = await RawClient.connect(frozen.port);
    raws.push(sleeper);
    await rawSubscribe(frozen, sleeper, channel, { user_id: 'sleeper' });
    await until('sleeper seen', () => watchers.every((w) => memberIds(w, channel).includes('sleeper')));

    frozen.signal('SIGSTOP');
    await until('sleeper reaped while its node is frozen', () => logs.every((log) => log.count('removed', 'sleeper') === 1), FREEZE_MS);
    await elapse(FREEZE_MS - 3_500);
    const addsBeforeWaking = logs.map((log) => log.count('added', 'sleeper'));
    frozen.signal('SIGCONT');

    const closed = await sleeper.waitClose(5_000);
    expect(closed.code).toBe(4200);
    const deadline = Date.now() + 5_000;
    while ((await frozen.up()) !== 200 && Date.now() < deadline) await elapse(POLL_MS);
    expect(await frozen.up()).toBe(200);
    expect(frozen.logEvents('node_fenced').length).toBeGreaterThanOrEqual(1);
    expect(frozen.logEvents('node_rejoined').length).toBe(1);

    for (const n of [frozen, n1, n2]) expect(await restUsers(n, channel)).toEqual(['watcher-1', 'watcher-2']);

    // The rejoined node serves again: a new member through it is seen everywhere.
    await subscribePresence(await client(frozen, 'newcomer'), channel);
    await until('newcomer seen', () => watchers.every((w) => memberIds(w, channel).includes('newcomer')));
    // The newcomer is the marker: a resurrected sleeper would have been announced before it.
    expect(logs.map((log) => log.count('added', 'sleeper'))).toEqual(addsBeforeWaking);
    for (const log of logs) expect(log.violations).toEqual([]);
  }, 60_000);

  it('Redis restart: subscriptions refused with 503 while it is down, /up 503, lists converge within 10 s after', async () => {
    redis = await TestRedis.start(redisSource);
    nodes = await startCluster(redis.url, 3);
    const channel = 'presence-restart';
    const watchers = await Promise.all(nodes.map((n, i) => client(n, `watcher-${i}`)));
    await Promise.all(watchers.map((w) => subscribePresence(w, channel)));
    const stayer = await client(nodes[0] as ClusterNode, 'stayer');
    const leaver = await client(nodes[2] as ClusterNode, 'leaver');
    await Promise.all([subscribePresence(stayer, channel), subscribePresence(leaver, channel)]);
    await until('five members everywhere', () => watchers.every((w) => memberIds(w, channel).length === 5));

    await redis.stop();
    if (redis.restartable) {
      const downDeadline = Date.now() + 3_000;
      let statuses: number[] = [];
      while (Date.now() < downDeadline) {
        statuses = await Promise.all(nodes.map((n) => n.up()));
        if (statuses.every((s) => s === 503)) break;
        await elapse(POLL_MS);
      }
      expect(statuses).toEqual([503, 503, 503]);
      const refused = await subscribePresence(await client(nodes[1] as ClusterNode, 'too-early'), 'presence-elsewhere').then(
        () => null,
        (error: { data?: { status?: number } }) => error.data,
      );
      expect(refused?.status).toBe(503);
      // Leaves while Redis is away cannot be published: convergence after it comes back must show them.
      leaver.disconnect();
      await elapse(LEAVE_WHILE_DOWN_MS);
    } else {
      leaver.disconnect();
    }

    await redis.startAgain();
    const backAt = Date.now();
    const truth = ['stayer', 'watcher-0', 'watcher-1', 'watcher-2'];
    await until('lists converge', () => watchers.every((w) => JSON.stringify(memberIds(w, channel)) === JSON.stringify(truth)), CONVERGE_DEADLINE_MS);
    const restDeadline = backAt + CONVERGE_DEADLINE_MS;
    let rest: string[][] = [];
    while (Date.now() < restDeadline) {
      rest = await Promise.all(nodes.map((n) => restUsers(n, channel).catch(() => [])));
      if (rest.every((users) => JSON.stringify(users) === JSON.stringify(truth))) break;
      await elapse(POLL_MS);
    }
    expect(rest).toEqual([truth, truth, truth]);
    expect(Date.now() - backAt).toBeLessThan(CONVERGE_DEADLINE_MS);
    expect(await Promise.all(nodes.map((n) => n.up()))).toEqual([200, 200, 200]);
  }, 60_000);
});
