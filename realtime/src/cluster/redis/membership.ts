import type { App } from '../../app';
import { authorizeSubscription } from '../../channels/authorize';
import { isCacheChannel } from '../../channels/cache';
import type { SubscribeRequest } from '../../channels/channel';
import type { Connection } from '../../connection/connection';
import { confirmSubscription, refuseSubscription } from '../../connection/subscriptions';
import { SubscriptionError } from '../../errors';
import type { ClusterChannel, LocalMember } from './local-channels';
import { applyList, sendSucceeded } from './member-view';
import type { RedisNodeContext } from './node-context';
import { describe } from './node-log';
import { pendingKey, PendingSubscriptions, type PendingSubscription } from './pending-subscriptions';
import { parsePresenceAck } from './replies';
import type { ScriptArg } from './scripts';

/** What membership needs to know of the node's lease. */
export interface Liveness {
  isLive(): boolean;
  /** The node was declared dead while it thought it was alive. */
  fence(reason: string): Promise<void>;
  /** Redis missed a change: it is brought back in line with this node's real subscriptions. */
  markNeedsResync(): void;
}

/** [channel, socket id, user id ('' when not presence)] */
type Leave = [string, string, string];

export function unavailable(): SubscriptionError {
  return new SubscriptionError('ClusterUnavailable', 'Shared state (Redis) is unavailable; retry shortly', 503);
}

/**
 * Joins and leaves, decided by `subscribe.lua` / `leave.lua`. A join is attached to its socket only
 * when its acknowledgement arrives through the inbox, at its exact point of the event stream.
 */
export class Membership {
  private readonly pending = new PendingSubscriptions();

  constructor(
    private readonly node: RedisNodeContext,
    private readonly liveness: Liveness,
  ) {}

  subscribe(connection: Connection, name: string, request: SubscribeRequest): void {
    const app = connection.app;
    if (!this.liveness.isLive()) {
      refuseSubscription(connection, name, unavailable());
      return;
    }
    const existing = this.node.index(app).get(name);
    if (existing?.has(connection)) {
      sendSucceeded(connection, existing, null);
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
    const timer = setTimeout(() => this.failPending(key, 'no acknowledgement from Redis'), this.node.cluster.ackTimeoutMs);
    timer.unref();
    const subscription: PendingSubscription = { connection, name, member, timer };
    this.pending.add(key, subscription);
    // The node listens to the channel's bus before the join is decided, so every event after the
    // join (its acknowledgement comes on the same connection) reaches it.
    this.node.routes.acquire(this.node.busOf(app.id, name)).then(
      () => {
        if (this.pending.get(key) === subscription) this.runSubscribe(key, subscription);
      },
      (error: unknown) => {
        this.node.log.warn(`channel bus of ${name} not subscribed: ${describe(error)}`, { event: 'cluster_subscribe_failed' });
        this.failPending(key, 'Redis error');
      },
    );
  }

  private runSubscribe(key: string, { connection, name, member }: PendingSubscription): void {
    const app = connection.app;
    const nodeId = this.node.id;
    const args = [nodeId, app.id, name, connection.socketId, member?.userId ?? '', member?.infoJson ?? '', app.config.limits.maxPresenceMembers, isCacheChannel(name) ? '1' : '0'];
    this.node.run('subscribe', args).then(
      (answer) => this.onSubscribeAnswer(key, nodeId, answer),
      (error: unknown) => {
        this.node.log.warn(`subscribe to ${name} failed in Redis: ${describe(error)}`, { event: 'cluster_subscribe_failed' });
        this.failPending(key, 'Redis error');
      },
    );
  }

  /** A pending subscription that will not be attached: it stops holding its channel's bus. */
  private takePending(key: string): PendingSubscription | undefined {
    const pending = this.pending.take(key);
    if (pending) this.node.routes.release(this.node.busOf(pending.connection.app.id, pending.name));
    return pending;
  }

  /** Detaches an attached subscriber; it stops holding its channel's bus. */
  private detach(app: App, channel: ClusterChannel, connection: Connection): void {
    if (this.node.index(app).detach(channel, connection)) this.node.routes.release(this.node.busOf(app.id, channel.name));
  }

  unsubscribe(connection: Connection, name: string): boolean {
    const app = connection.app;
    const pending = this.takePending(pendingKey(app.id, name, connection.socketId));
    if (pending) {
      // Redis may already have recorded it: the leave follows the join on the same connection.
      this.sendLeaves(app, [[name, connection.socketId, pending.member?.userId ?? '']]);
      return false;
    }
    const index = this.node.index(app);
    const channel = index.get(name);
    if (!channel?.has(connection)) return false;
    const member = channel.memberOf(connection);
    this.detach(app, channel, connection);
    this.sendLeaves(app, [[name, connection.socketId, member?.userId ?? '']]);
    return true;
  }

  disconnect(connection: Connection): void {
    const app = connection.app;
    const index = this.node.index(app);
    const leaves: Leave[] = [];
    for (const name of connection.subscriptions.keys()) {
      const channel = index.get(name);
      if (!channel) continue;
      leaves.push([name, connection.socketId, channel.memberOf(connection)?.userId ?? '']);
      this.detach(app, channel, connection);
    }
    for (const key of this.pending.keysOf(connection)) {
      const pending = this.takePending(key) as PendingSubscription;
      leaves.push([pending.name, connection.socketId, pending.member?.userId ?? '']);
    }
    if (leaves.length > 0) this.sendLeaves(app, leaves);
  }

  /** Redis recorded a subscription: attach the socket now, exactly at this point of the stream. */
  acknowledge(app: App, name: string, socketId: string, cached: string, members: string): void {
    const pending = this.pending.take(pendingKey(app.id, name, socketId));
    if (!pending) return;
    if (!pending.connection.isOpen) {
      this.node.routes.release(this.node.busOf(app.id, name));
      return;
    }
    const channel = this.node.index(app).obtain(name);
    if (members !== '') applyList(channel, parsePresenceAck(members));
    // The cache channel's last event as Redis had it at this join: what confirmSubscription replays.
    if (isCacheChannel(name)) {
      if (cached === '') app.cache.forget(name);
      else app.cache.remember(name, cached);
    }
    channel.attach(pending.connection, pending.member);
    sendSucceeded(pending.connection, channel, members === '' ? null : members);
    confirmSubscription(pending.connection, channel);
  }

  /** Refuses every pending subscription (503: the client retries). */
  failAll(why: string): void {
    for (const key of this.pending.keys()) this.failPending(key, why);
  }

  /** Forgets every pending subscription (their sockets are being closed). */
  dropAll(): void {
    for (const key of this.pending.keys()) this.takePending(key);
  }

  private onSubscribeAnswer(key: string, sentAs: string, answer: unknown): void {
    switch (answer) {
      case 'added': {
        const waiting = this.pending.get(key);
        if (waiting?.member) {
          const app = waiting.connection.app;
          this.node.events.emit('member_added', { appId: app.id, channel: waiting.name, userId: waiting.member.userId });
        }
        return;
      }
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
        this.failPending(key, `node not live (${String(answer)})`);
        // An answer to this node's previous id (sent before it rejoined) is old news.
        if (sentAs === this.node.id) void this.liveness.fence(`subscribe answered ${String(answer)}`);
    }
  }

  private sendLeaves(app: App, leaves: readonly Leave[]): void {
    const nodeId = this.node.id;
    const args: ScriptArg[] = [nodeId];
    for (const [name, socketId, userId] of leaves) args.push(app.id, name, socketId, userId);
    this.node.run('leave', args).then(
      (answer) => {
        if (answer === 'fenced') {
          // Leaves of the sockets closed while fencing are refused under the old id: that is expected.
          if (nodeId === this.node.id) void this.liveness.fence('leave answered fenced');
          return;
        }
        const removed = answer as string[];
        for (let i = 0; i + 2 < removed.length; i += 3) {
          this.node.events.emit('member_removed', { appId: removed[i] as string, channel: removed[i + 1] as string, userId: removed[i + 2] as string });
        }
      },
      (error: unknown) => {
        this.liveness.markNeedsResync();
        this.node.log.warn(`leave not recorded in Redis: ${describe(error)}`, { event: 'cluster_leave_failed' });
      },
    );
  }

  private failPending(key: string, why: string): void {
    const pending = this.takePending(key);
    if (!pending) return;
    refuseSubscription(pending.connection, pending.name, unavailable());
    // Redis may hold it anyway (a lost answer): take it back.
    if (this.node.command.status === 'ready') {
      this.sendLeaves(pending.connection.app, [[pending.name, pending.connection.socketId, pending.member?.userId ?? '']]);
    } else {
      this.liveness.markNeedsResync();
    }
    this.node.log.warn(`subscription refused: ${why}`, { event: 'cluster_subscription_refused', channel: pending.name });
  }
}
