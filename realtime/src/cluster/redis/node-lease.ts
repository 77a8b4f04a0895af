import { CloseCode } from '../../errors';
import type { Webhooks } from '../../webhooks/webhooks';
import { newNodeId } from '../state-memory';
import type { Liveness } from './membership';
import type { RedisNodeContext } from './node-context';
import { describe } from './node-log';
import { outageMs, reconcileArgs, resyncArgs } from './resync';

/** How long a reaped node's id is remembered, so it knows it was fenced when it wakes. */
const REAPED_TOMBSTONE_MS = 24 * 60 * 60 * 1000;
/** Dead nodes reaped per reaper tick at most (the next tick takes the rest). */
const MAX_REAPS_PER_TICK = 10;

/** What the lease does to the node's pending subscriptions when Redis drops or the node is fenced. */
export interface PendingControl {
  failAll(why: string): void;
  dropAll(): void;
}

/**
 * The node's lease in a sorted set of expiry times: heartbeat, registration and re-assertion of its
 * subscriptions (`resync.lua`), the reaper of dead nodes, and fencing — a node that finds itself
 * reaped (it froze) closes its sockets with 4200 and rejoins under a new id.
 */
export class NodeLease implements Liveness {
  private registered = false;
  private fencing = false;
  private needsResync = false;
  private closed = false;
  /** Local clock time until which the last renewed lease holds. */
  private leaseValidUntil = 0;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private webhooks: Webhooks | null = null;

  constructor(
    private readonly node: RedisNodeContext,
    private readonly pending: PendingControl,
  ) {}

  /** Apps with webhooks are declared to Redis at every (re)registration. */
  useWebhooks(webhooks: Webhooks | null): void {
    this.webhooks = webhooks;
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  isLive(): boolean {
    const { command, subscriber } = this.node;
    return (
      this.registered &&
      !this.fencing &&
      !this.needsResync &&
      command.status === 'ready' &&
      subscriber.status === 'ready' &&
      Date.now() < this.leaseValidUntil
    );
  }

  markNeedsResync(): void {
    this.needsResync = true;
  }

  onRedisLost(): void {
    if (this.closed) return;
    if (!this.needsResync) this.node.log.warn('lost Redis: subscriptions are refused until it is back', { event: 'redis_lost' });
    this.needsResync = true;
    this.pending.failAll('Redis connection lost');
  }

  async heartbeat(): Promise<void> {
    if (this.fencing || this.node.command.status !== 'ready') return;
    if (this.needsResync) {
      if (this.node.subscriber.status === 'ready') await this.resync();
      return;
    }
    const sentAt = Date.now();
    const answer = await this.node.run('heartbeat', [this.node.id, this.node.cluster.leaseMs, outageMs(this.node)]);
    if (answer === 'ok') this.leaseValidUntil = sentAt + this.node.cluster.leaseMs;
    else if (answer === 'unknown') await this.resync();
    else await this.fence(`heartbeat answered ${String(answer)}`);
  }

  /** Registers and makes Redis hold exactly this node's subscriptions; then reconciles member lists. */
  async resync(): Promise<void> {
    const sentAt = Date.now();
    const { args, subscriptions } = resyncArgs(this.node, this.webhooks);
    const answer = await this.node.run('resync', args);
    if (answer !== 'ok') {
      await this.fence(`resync answered ${String(answer)}`);
      return;
    }
    const recovered = this.needsResync;
    this.registered = true;
    this.needsResync = false;
    this.leaseValidUntil = sentAt + this.node.cluster.leaseMs;
    if (recovered) {
      this.node.log.info('Redis is back: subscriptions re-asserted', { event: 'cluster_resynced', subscriptions });
      this.scheduleReconcile();
    }
  }

  /** This node was declared dead (it froze past its lease): its clients reconnect elsewhere or here under a new id. */
  async fence(reason: string): Promise<void> {
    if (this.fencing || this.closed) return;
    this.fencing = true;
    this.registered = false;
    const oldId = this.node.id;
    this.node.log.warn('node fenced: closing its connections and rejoining under a new id', { event: 'node_fenced', reason });
    for (const app of this.node.apps?.all() ?? []) {
      for (const connection of [...app.connections.values()]) connection.close(CloseCode.Reconnect, 'Node rejoining the cluster');
    }
    this.pending.dropAll();
    this.node.id = newNodeId();
    try {
      await this.node.subscriber.unsubscribe(this.node.inbox(oldId));
      await this.node.subscriber.subscribe(this.node.inbox(this.node.id));
      this.fencing = false;
      this.needsResync = true;
      await this.resync();
      this.node.log.info('rejoined the cluster', { event: 'node_rejoined', previous: oldId });
    } catch (error) {
      this.fencing = false;
      this.needsResync = true;
      this.node.log.warn(`rejoin failed, retrying: ${describe(error)}`, { event: 'node_rejoin_failed' });
    }
  }

  /** Claims dead nodes one at a time and removes their subscriptions (`reap.lua`). */
  async reap(): Promise<void> {
    if (this.node.command.status !== 'ready') return;
    for (let i = 0; i < MAX_REAPS_PER_TICK; i += 1) {
      const answer = await this.node.run('reap', [REAPED_TOMBSTONE_MS, outageMs(this.node)]);
      if (!Array.isArray(answer)) return;
      this.node.log.warn('reaped a dead node', { event: 'node_reaped', reaped: String(answer[0]), subscriptions: Number(answer[1]) });
    }
  }

  /** Leaves the cluster cleanly (the reaper does it when this fails). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.pending.failAll('server shutting down');
    if (this.registered && this.node.command.status === 'ready') {
      try {
        await this.node.run('deregister', [this.node.id]);
      } catch (error) {
        this.node.log.warn(`could not leave the cluster cleanly (the reaper will): ${describe(error)}`, { event: 'deregister_failed' });
      }
    }
    this.registered = false;
  }

  /** Member events published while this node was cut off are lost: compare lists once things settle. */
  private scheduleReconcile(): void {
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.reconcileTimer = setTimeout(() => {
      this.reconcileTimer = null;
      const args = reconcileArgs(this.node);
      if (args === null) return;
      this.node.run('members', args).catch((error: unknown) => {
        this.node.log.warn(`member lists not reconciled: ${describe(error)}`, { event: 'cluster_reconcile_failed' });
        this.needsResync = true;
      });
    }, this.node.cluster.reconcileDelayMs);
    this.reconcileTimer.unref();
  }
}
