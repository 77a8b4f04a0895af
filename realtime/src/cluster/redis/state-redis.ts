import { Redis, type RedisOptions } from 'ioredis';
import type { App, AppRegistry } from '../../app';
import { authorizeSubscription } from '../../channels/authorize';
import type { ChannelContext, LocalChannel, SubscribeRequest } from '../../channels/channel';
import type { ClusterConfig } from '../../config/schema';
import type { Connection } from '../../connection/connection';
import { confirmSubscription, refuseSubscription } from '../../connection/subscriptions';
import { CloseCode, HttpError, SubscriptionError } from '../../errors';
import type { RealtimeEvents } from '../../events';
import type { Logger } from '../../logger';
import { encodeMessage } from '../../protocol/messages';
import type { Webhooks } from '../../webhooks/webhooks';
import { newNodeId } from '../state-memory';
import type { ChannelSummary, ClusterState } from '../state';
import { decodeBusMessage, encodeEvent, encodeTerminate, type BusMessage } from './bus-message';
import { ClusterChannelIndex, type ClusterChannel, type LocalMember } from './local-channels';
import { parseMemberLists, parsePresenceAck, parseWebhookRecord } from './replies';
import { ClusterScripts, type ScriptArg } from './scripts';

/** How long a reaped node's id is remembered, so it knows it was fenced when it wakes. */
const REAPED_TOMBSTONE_MS = 24 * 60 * 60 * 1000;
/** Dead nodes reaped per reaper tick at most (the next tick takes the rest). */
const MAX_REAPS_PER_TICK = 10;
/** Webhook events claimed from the shared queue in one step. */
const WEBHOOK_CLAIM_BATCH = 100;
/** While Redis stays away, the same connection error is logged at most this often. */
const REDIS_ERROR_LOG_INTERVAL_MS = 10_000;
/** Reconnect delay grows by this per failed attempt, up to the maximum. */
const REDIS_RETRY_STEP_MS = 100;
const REDIS_RETRY_MAX_MS = 1_000;

interface PendingSubscription {
  connection: Connection;
  name: string;
  member: LocalMember | null;
  timer: NodeJS.Timeout;
}

export interface RedisStateOptions {
  cluster: ClusterConfig;
  events: RealtimeEvents;
  logger: Logger;
}

/**
 * Several nodes over one Redis. Membership of every channel lives in Redis and is decided by Lua
 * scripts (one file per atomic step, `lua/`); every event goes through one pub/sub channel, so all
 * nodes apply it in the order Redis decided it. Each node keeps only its local subscribers and the
 * member list its clients were shown. Liveness is a lease in a sorted set; every node's reaper
 * removes the members of nodes whose lease expired, and a node that finds itself reaped (it froze)
 * closes its sockets with 4200 and rejoins under a new id.
 */
export class RedisState implements ClusterState {
  private id = newNodeId();
  private readonly command: Redis;
  private readonly subscriber: Redis;
  private readonly scripts: ClusterScripts;
  private readonly cluster: ClusterConfig;
  private readonly events: RealtimeEvents;
  private readonly log: Logger;
  private readonly indexes = new Map<string, ClusterChannelIndex>();
  private readonly pending = new Map<string, PendingSubscription>();
  private readonly busChannel: string;
  private apps: AppRegistry | null = null;
  private webhooks: Webhooks | null = null;
  private registered = false;
  private fencing = false;
  private needsResync = false;
  private closed = false;
  /** Local clock time until which the last renewed lease holds. */
  private leaseValidUntil = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(options: RedisStateOptions) {
    this.cluster = options.cluster;
    this.events = options.events;
    this.log = withNodeId(options.logger, () => this.id);
    this.scripts = new ClusterScripts(this.cluster.keyPrefix);
    this.busChannel = `${this.cluster.keyPrefix}bus`;
    const redisOptions: RedisOptions = {
      lazyConnect: true,
      // A command while Redis is away fails at once (the caller answers 503) instead of waiting.
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * REDIS_RETRY_STEP_MS, REDIS_RETRY_MAX_MS),
    };
    // Commands issued in one event-loop turn (a batch's publishes) go out in one write, in order.
    this.command = new Redis(this.cluster.redisUrl, { ...redisOptions, enableAutoPipelining: true });
    // The subscriber queues (re)subscriptions made while reconnecting; ioredis re-subscribes on reconnect.
    this.subscriber = new Redis(this.cluster.redisUrl, { ...redisOptions, enableOfflineQueue: true });
  }

  get nodeId(): string {
    return this.id;
  }

  createChannelIndex(context: ChannelContext): ClusterChannelIndex {
    const index = new ClusterChannelIndex(context);
    this.indexes.set(context.app.id, index);
    return index;
  }

  attachWebhooks(webhooks: Webhooks): void {
    this.webhooks = webhooks.webhookApps().length > 0 ? webhooks : null;
  }

  async start(apps: AppRegistry): Promise<void> {
    this.apps = apps;
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    for (const [name, redis] of [['command', this.command], ['subscriber', this.subscriber]] as const) {
      let lastLogged = { message: '', at: 0 };
      redis.on('error', (error: Error) => {
        // ioredis retries every second while Redis is away: one line per new error, then one per interval.
        const now = Date.now();
        if (error.message === lastLogged.message && now - lastLogged.at < REDIS_ERROR_LOG_INTERVAL_MS) return;
        lastLogged = { message: error.message, at: now };
        this.log.warn(`redis ${name} connection: ${error.message}`, { event: 'redis_error' });
      });
      redis.on('close', () => this.onRedisLost());
      redis.on('ready', () => this.log.info(`redis ${name} connection ready`, { event: 'redis_ready' }));
    }
    this.log.info(`connecting to Redis at ${redactRedisUrl(this.cluster.redisUrl)}`, { event: 'redis_connecting' });
    await Promise.all([connectWhenPossible(this.command), connectWhenPossible(this.subscriber)]);
    await this.subscriber.subscribe(this.busChannel, this.inbox(this.id));
    await this.resync();
    if (!this.registered) throw new HttpError(503, 'could not register this node in the cluster');
    this.every(this.cluster.heartbeatMs, () => this.heartbeat());
    this.every(this.cluster.reaperIntervalMs, () => this.reap());
    if (this.webhooks) this.every(this.cluster.webhookPollMs, () => this.claimWebhooks());
    this.log.info('joined the cluster', { event: 'node_registered', leaseMs: this.cluster.leaseMs });
  }

  isLive(): boolean {
    return (
      this.registered &&
      !this.fencing &&
      !this.needsResync &&
      this.command.status === 'ready' &&
      this.subscriber.status === 'ready' &&
      Date.now() < this.leaseValidUntil
    );
  }

  // ---- subscriptions -------------------------------------------------------------------------

  subscribe(connection: Connection, name: string, request: SubscribeRequest): void {
    const app = connection.app;
    if (!this.isLive()) {
      refuseSubscription(connection, name, unavailable());
      return;
    }
    const existing = this.index(app).get(name);
    if (existing?.has(connection)) {
      this.sendSucceeded(connection, existing, null);
      return;
    }
    const key = pendingKey(app.id, name, connection.socketId);
    if (this.pending.has(key)) return;
    let member: LocalMember | null;
    try {
      const identity = authorizeSubscription(app.config, connection, name, request);
      member = identity === null ? null : { userId: identity.userId, infoJson: JSON.stringify(identity.info) };
    } catch (error) {
      if (error instanceof SubscriptionError) {
        refuseSubscription(connection, name, error);
        return;
      }
      throw error;
    }
    const timer = setTimeout(() => this.failPendingOne(key, 'no acknowledgement from Redis'), this.cluster.ackTimeoutMs);
    timer.unref();
    this.pending.set(key, { connection, name, member, timer });
    const nodeId = this.id;
    const args = [nodeId, app.id, name, connection.socketId, member?.userId ?? '', member?.infoJson ?? '', app.config.limits.maxPresenceMembers];
    this.run('subscribe', args).then(
      (answer) => this.onSubscribeAnswer(key, nodeId, answer),
      (error: unknown) => {
        this.log.warn(`subscribe to ${name} failed in Redis: ${describe(error)}`, { event: 'cluster_subscribe_failed' });
        this.failPendingOne(key, 'Redis error');
      },
    );
  }

  unsubscribe(connection: Connection, name: string): boolean {
    const app = connection.app;
    const pending = this.takePending(pendingKey(app.id, name, connection.socketId));
    if (pending) {
      // Redis may already have recorded it: the leave follows the join on the same connection.
      this.sendLeaves(app, [[name, connection.socketId, pending.member?.userId ?? '']]);
      return false;
    }
    const index = this.index(app);
    const channel = index.get(name);
    if (!channel?.has(connection)) return false;
    const member = channel.memberOf(connection);
    index.detach(channel, connection);
    this.sendLeaves(app, [[name, connection.socketId, member?.userId ?? '']]);
    return true;
  }

  disconnect(connection: Connection): void {
    const app = connection.app;
    const index = this.index(app);
    const leaves: [string, string, string][] = [];
    for (const name of connection.subscriptions.keys()) {
      const channel = index.get(name);
      if (!channel) continue;
      leaves.push([name, connection.socketId, channel.memberOf(connection)?.userId ?? '']);
      index.detach(channel, connection);
    }
    for (const [key, pending] of this.pending) {
      if (pending.connection !== connection) continue;
      this.takePending(key);
      leaves.push([pending.name, connection.socketId, pending.member?.userId ?? '']);
    }
    if (leaves.length > 0) this.sendLeaves(app, leaves);
  }

  // ---- delivery ------------------------------------------------------------------------------

  publish(app: App, channel: string, event: string, data: string, exceptSocketId: string | undefined): Promise<void> {
    const frame = encodeMessage({ event, channel, data });
    return this.command.publish(this.busChannel, encodeEvent(app.id, channel, exceptSocketId ?? '', frame)).then(
      () => undefined,
      (error: unknown) => {
        throw new HttpError(503, `event not published: cluster state unavailable (${describe(error)})`);
      },
    );
  }

  relayClientEvent(connection: Connection, channel: LocalChannel, frame: string): void {
    this.command.publish(this.busChannel, encodeEvent(connection.app.id, channel.name, connection.socketId, frame)).catch((error: unknown) => {
      this.log.warn(`client event not published: ${describe(error)}`, { event: 'cluster_publish_failed' });
      connection.sendError('Client event not delivered: shared state unavailable, retry shortly', null);
    });
  }

  async terminateUser(app: App, userId: string): Promise<void> {
    try {
      await this.command.publish(this.busChannel, encodeTerminate(app.id, userId));
    } catch (error) {
      throw new HttpError(503, `connections not terminated: cluster state unavailable (${describe(error)})`);
    }
  }

  // ---- REST queries --------------------------------------------------------------------------

  async channelSummaries(app: App, names: readonly string[]): Promise<Map<string, ChannelSummary>> {
    const counts = (await this.query('channel-counts', [app.id, ...names])) as number[];
    return new Map(names.map((name, i) => [name, { subscriptionCount: Number(counts[2 * i]), userCount: Number(counts[2 * i + 1]) }]));
  }

  async occupiedChannels(app: App, prefix: string): Promise<Map<string, ChannelSummary>> {
    const flat = (await this.query('channels', [app.id, prefix])) as (string | number)[];
    const result = new Map<string, ChannelSummary>();
    for (let i = 0; i + 2 < flat.length + 1; i += 3) {
      result.set(String(flat[i]), { subscriptionCount: Number(flat[i + 1]), userCount: Number(flat[i + 2]) });
    }
    return result;
  }

  async channelUsers(app: App, name: string): Promise<string[]> {
    try {
      return await this.command.hkeys(`${this.cluster.keyPrefix}ch:${app.id}:${name}:users`);
    } catch (error) {
      throw new HttpError(503, `cluster state unavailable: ${describe(error)}`);
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    for (const key of [...this.pending.keys()]) this.failPendingOne(key, 'server shutting down');
    if (this.registered && this.command.status === 'ready') {
      try {
        await this.run('deregister', [this.id]);
      } catch (error) {
        this.log.warn(`could not leave the cluster cleanly (the reaper will): ${describe(error)}`, { event: 'deregister_failed' });
      }
    }
    this.registered = false;
    this.command.disconnect();
    this.subscriber.disconnect();
  }

  // ---- the bus -------------------------------------------------------------------------------

  private onMessage(channel: string, message: string): void {
    const decoded = decodeBusMessage(message);
    const fromInbox = channel === this.inbox(this.id);
    if (decoded === null || (channel !== this.busChannel && !fromInbox) || (fromInbox !== (decoded.type === 'K' || decoded.type === 'M'))) {
      if (channel === this.busChannel || fromInbox) this.log.warn('malformed cluster message ignored', { event: 'cluster_message_malformed', channel });
      return;
    }
    try {
      this.handle(decoded);
    } catch (error) {
      this.log.error('handling a cluster message failed', error, { event: 'cluster_message_failed', type: decoded.type });
    }
  }

  private handle(message: BusMessage): void {
    if (message.type === 'M') {
      this.applyMemberLists(message.lists);
      return;
    }
    const app = this.apps?.findById(message.appId);
    if (!app) return;
    switch (message.type) {
      case 'E':
        app.deliver(message.channel, message.frame, message.except === '' ? undefined : message.except);
        return;
      case 'A':
        this.index(app).get(message.channel)?.showMemberAdded(message.userId, message.infoJson, app.connections.get(message.socketId) ?? null);
        return;
      case 'R':
        this.index(app).get(message.channel)?.showMemberRemoved(message.userId);
        return;
      case 'T':
        for (const connection of [...(app.users.get(message.userId) ?? [])]) {
          connection.close(CloseCode.Unauthorized, 'Connections of this user were terminated');
        }
        return;
      case 'K':
        this.acknowledge(app, message.channel, message.socketId, message.members);
        return;
    }
  }

  /** Redis recorded a subscription: attach the socket now, exactly at this point of the stream. */
  private acknowledge(app: App, name: string, socketId: string, members: string): void {
    const pending = this.takePending(pendingKey(app.id, name, socketId));
    if (!pending || !pending.connection.isOpen) return;
    const channel = this.index(app).obtain(name);
    if (members !== '') this.applyList(channel, parsePresenceAck(members));
    channel.attach(pending.connection, pending.member);
    this.sendSucceeded(pending.connection, channel, members === '' ? null : members);
    confirmSubscription(pending.connection, channel);
  }

  private sendSucceeded(connection: Connection, channel: ClusterChannel, presenceData: string | null): void {
    let data = '{}';
    if (channel.kind === 'presence') {
      if (presenceData !== null) data = presenceData;
      else {
        const hash = Object.create(null) as Record<string, unknown>;
        for (const [id, info] of channel.view) hash[id] = JSON.parse(info) as unknown;
        data = JSON.stringify({ presence: { ids: [...channel.view.keys()], hash, count: channel.view.size } });
      }
    }
    connection.send(encodeMessage({ event: 'pusher_internal:subscription_succeeded', channel: channel.name, data }));
  }

  /** Brings what local clients were shown in line with `list` (user id → info JSON). */
  private applyList(channel: ClusterChannel, list: ReadonlyMap<string, string>): void {
    for (const userId of [...channel.view.keys()]) {
      if (!list.has(userId)) channel.showMemberRemoved(userId);
    }
    for (const [userId, infoJson] of list) channel.showMemberAdded(userId, infoJson, null);
  }

  private applyMemberLists(text: string): void {
    for (const { appId, channel: name, members } of parseMemberLists(text)) {
      const app = this.apps?.findById(appId);
      const channel = app ? this.index(app).get(name) : undefined;
      if (channel) this.applyList(channel, members);
    }
  }

  // ---- membership answers --------------------------------------------------------------------

  private onSubscribeAnswer(key: string, sentAs: string, answer: unknown): void {
    const pending = this.pending.get(key);
    switch (answer) {
      case 'added':
        if (pending?.member) {
          const app = pending.connection.app;
          this.events.emit('member_added', { appId: app.id, channel: pending.name, userId: pending.member.userId });
        }
        return;
      case 'ok':
        return;
      case 'full': {
        const taken = this.takePending(key);
        if (taken) {
          const max = taken.connection.app.config.limits.maxPresenceMembers;
          refuseSubscription(taken.connection, taken.name, new SubscriptionError('LimitReached', `Presence channel ${taken.name} is full (${max} members)`, 403));
        }
        return;
      }
      default:
        this.failPendingOne(key, `node not live (${String(answer)})`);
        // An answer to this node's previous id (sent before it rejoined) is old news.
        if (sentAs === this.id) void this.fence(`subscribe answered ${String(answer)}`);
    }
  }

  private sendLeaves(app: App, leaves: readonly [string, string, string][]): void {
    const nodeId = this.id;
    const args: ScriptArg[] = [nodeId];
    for (const [name, socketId, userId] of leaves) args.push(app.id, name, socketId, userId);
    this.run('leave', args).then(
      (answer) => {
        if (answer === 'fenced') {
          // Leaves of the sockets closed while fencing are refused under the old id: that is expected.
          if (nodeId === this.id) void this.fence('leave answered fenced');
          return;
        }
        const removed = answer as string[];
        for (let i = 0; i + 2 < removed.length; i += 3) {
          this.events.emit('member_removed', { appId: removed[i] as string, channel: removed[i + 1] as string, userId: removed[i + 2] as string });
        }
      },
      (error: unknown) => {
        // Redis will be brought back in line with this node's real subscriptions on reconnect.
        this.needsResync = true;
        this.log.warn(`leave not recorded in Redis: ${describe(error)}`, { event: 'cluster_leave_failed' });
      },
    );
  }

  private takePending(key: string): PendingSubscription | undefined {
    const pending = this.pending.get(key);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.pending.delete(key);
    return pending;
  }

  private failPendingOne(key: string, why: string): void {
    const pending = this.takePending(key);
    if (!pending) return;
    refuseSubscription(pending.connection, pending.name, unavailable());
    // Redis may hold it anyway (a lost answer): take it back.
    this.sendLeavesQuietly(pending);
    this.log.warn(`subscription refused: ${why}`, { event: 'cluster_subscription_refused', channel: pending.name });
  }

  private sendLeavesQuietly(pending: PendingSubscription): void {
    if (this.command.status !== 'ready') {
      this.needsResync = true;
      return;
    }
    this.sendLeaves(pending.connection.app, [[pending.name, pending.connection.socketId, pending.member?.userId ?? '']]);
  }

  // ---- liveness ------------------------------------------------------------------------------

  private onRedisLost(): void {
    if (this.closed) return;
    if (!this.needsResync) this.log.warn('lost Redis: subscriptions are refused until it is back', { event: 'redis_lost' });
    this.needsResync = true;
    for (const key of [...this.pending.keys()]) this.failPendingOne(key, 'Redis connection lost');
  }

  private async heartbeat(): Promise<void> {
    if (this.fencing || this.command.status !== 'ready') return;
    if (this.needsResync) {
      if (this.subscriber.status === 'ready') await this.resync();
      return;
    }
    const sentAt = Date.now();
    const answer = await this.run('heartbeat', [this.id, this.cluster.leaseMs]);
    if (answer === 'ok') this.leaseValidUntil = sentAt + this.cluster.leaseMs;
    else if (answer === 'unknown') await this.resync();
    else await this.fence(`heartbeat answered ${String(answer)}`);
  }

  /** Registers and makes Redis hold exactly this node's subscriptions; then reconciles member lists. */
  private async resync(): Promise<void> {
    const sentAt = Date.now();
    const webhookApps = this.webhooks?.webhookApps() ?? [];
    const args: ScriptArg[] = [this.id, this.cluster.leaseMs, webhookApps.length];
    for (const appId of webhookApps) args.push(appId, this.webhooks?.leaveDelayMs ?? 0);
    let count = 0;
    for (const [appId, index] of this.indexes) {
      for (const channel of index.all()) {
        for (const [connection, member] of channel.subscriberEntries()) {
          args.push(appId, channel.name, connection.socketId, member?.userId ?? '', member?.infoJson ?? '');
          count += 1;
        }
      }
    }
    const answer = await this.run('resync', args);
    if (answer !== 'ok') {
      await this.fence(`resync answered ${String(answer)}`);
      return;
    }
    const recovered = this.needsResync;
    this.registered = true;
    this.needsResync = false;
    this.leaseValidUntil = sentAt + this.cluster.leaseMs;
    if (recovered) {
      this.log.info('Redis is back: subscriptions re-asserted', { event: 'cluster_resynced', subscriptions: count });
      this.scheduleReconcile();
    }
  }

  /** Member events published while this node was cut off are lost: compare lists once things settle. */
  private scheduleReconcile(): void {
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.reconcileTimer = setTimeout(() => {
      this.reconcileTimer = null;
      const args: ScriptArg[] = [this.id];
      for (const [appId, index] of this.indexes) {
        for (const channel of index.all()) if (channel.kind === 'presence') args.push(appId, channel.name);
      }
      if (args.length === 1) return;
      this.run('members', args).catch((error: unknown) => {
        this.log.warn(`member lists not reconciled: ${describe(error)}`, { event: 'cluster_reconcile_failed' });
        this.needsResync = true;
      });
    }, this.cluster.reconcileDelayMs);
    this.reconcileTimer.unref();
  }

  /** This node was declared dead (it froze past its lease): its clients reconnect elsewhere or here under a new id. */
  private async fence(reason: string): Promise<void> {
    if (this.fencing || this.closed) return;
    this.fencing = true;
    this.registered = false;
    const oldId = this.id;
    this.log.warn('node fenced: closing its connections and rejoining under a new id', { event: 'node_fenced', reason });
    for (const app of this.apps?.all() ?? []) {
      for (const connection of [...app.connections.values()]) connection.close(CloseCode.Reconnect, 'Node rejoining the cluster');
    }
    for (const key of [...this.pending.keys()]) this.takePending(key);
    this.id = newNodeId();
    try {
      await this.subscriber.unsubscribe(this.inbox(oldId));
      await this.subscriber.subscribe(this.inbox(this.id));
      this.fencing = false;
      this.needsResync = true;
      await this.resync();
      this.log.info('rejoined the cluster', { event: 'node_rejoined', previous: oldId });
    } catch (error) {
      this.fencing = false;
      this.needsResync = true;
      this.log.warn(`rejoin failed, retrying: ${describe(error)}`, { event: 'node_rejoin_failed' });
    }
  }

  private async reap(): Promise<void> {
    if (this.command.status !== 'ready') return;
    for (let i = 0; i < MAX_REAPS_PER_TICK; i += 1) {
      const answer = await this.run('reap', [REAPED_TOMBSTONE_MS]);
      if (!Array.isArray(answer)) return;
      this.log.warn('reaped a dead node', { event: 'node_reaped', reaped: String(answer[0]), subscriptions: Number(answer[1]) });
    }
  }

  private async claimWebhooks(): Promise<void> {
    const webhooks = this.webhooks;
    if (!webhooks || this.command.status !== 'ready') return;
    for (;;) {
      const records = (await this.run('claim-webhooks', [WEBHOOK_CLAIM_BATCH])) as string[];
      for (const record of records) {
        const parsed = parseWebhookRecord(record);
        if (parsed) webhooks.send(parsed.appId, parsed.event);
        else this.log.warn('malformed webhook record ignored', { event: 'cluster_webhook_malformed' });
      }
      if (records.length < WEBHOOK_CLAIM_BATCH) return;
    }
  }

  // ---- plumbing ------------------------------------------------------------------------------

  /** Runs `task` every `ms` (never two at once); a failure is logged and the next tick tries again. */
  private every(ms: number, task: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running || this.closed) return;
      running = true;
      task()
        .catch((error: unknown) => this.log.warn(`cluster housekeeping failed: ${describe(error)}`, { event: 'cluster_tick_failed' }))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private run(name: Parameters<ClusterScripts['run']>[1], args: readonly ScriptArg[]): Promise<unknown> {
    return this.scripts.run(this.command, name, args);
  }

  private async query(name: 'channels' | 'channel-counts', args: readonly ScriptArg[]): Promise<unknown> {
    try {
      return await this.run(name, args);
    } catch (error) {
      throw new HttpError(503, `cluster state unavailable: ${describe(error)}`);
    }
  }

  private inbox(nodeId: string): string {
    return `${this.cluster.keyPrefix}inbox:${nodeId}`;
  }

  private index(app: App): ClusterChannelIndex {
    const index = this.indexes.get(app.id);
    if (!index) throw new Error(`no channel index for app ${app.id}`);
    return index;
  }
}

function pendingKey(appId: string, channel: string, socketId: string): string {
  return `${appId}\u0000${channel}\u0000${socketId}`;
}

function unavailable(): SubscriptionError {
  return new SubscriptionError('ClusterUnavailable', 'Shared state (Redis) is unavailable; retry shortly', 503);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The URL without its password, for logs. */
function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}

/** Resolves once connected; while Redis is unreachable ioredis keeps retrying (and the errors are logged). */
function connectWhenPossible(redis: Redis): Promise<void> {
  return new Promise((resolve) => {
    redis.once('ready', () => resolve());
    redis.connect().catch(() => {
      // The 'error' listener logs it; the retry strategy keeps trying until 'ready'.
    });
  });
}

function withNodeId(logger: Logger, nodeId: () => string): Logger {
  return {
    info: (message, fields) => logger.info(message, { node: nodeId(), ...fields }),
    warn: (message, fields) => logger.warn(message, { node: nodeId(), ...fields }),
    error: (message, error, fields) => logger.error(message, error, { node: nodeId(), ...fields }),
  };
}
