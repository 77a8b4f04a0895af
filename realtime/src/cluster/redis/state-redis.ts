import type { App, AppRegistry } from '../../app';
import type { ChannelContext, LocalChannel, SubscribeRequest } from '../../channels/channel';
import type { Connection } from '../../connection/connection';
import { HttpError } from '../../errors';
import type { Webhooks } from '../../webhooks/webhooks';
import type { ChannelSummary, ClusterState } from '../state';
import { Bus } from './bus';
import { Housekeeping } from './housekeeping';
import { ClusterChannelIndex } from './local-channels';
import { Membership } from './membership';
import { RedisNodeContext, type RedisStateOptions } from './node-context';
import { NodeLease } from './node-lease';
import { connectWhenPossible, describeRedisTarget, watchConnection } from './redis-clients';
import { RestQueries } from './rest-queries';
import { RedisWatchlist } from './watchlist-redis';
import { WebhookQueue } from './webhook-queue';

export type { RedisStateOptions } from './node-context';

/**
 * Several nodes over one Redis. Membership of every channel lives in Redis and is decided by Lua
 * scripts (one file per atomic step, `lua/`); every event goes through one pub/sub channel, so all
 * nodes apply it in the order Redis decided it. Each node keeps only its local subscribers and the
 * member list its clients were shown. This class only wires the parts together: the lease
 * (`node-lease.ts`), joins and leaves (`membership.ts`), the bus (`bus.ts`), REST queries
 * (`rest-queries.ts`) and the webhook queue (`webhook-queue.ts`).
 */
export class RedisState implements ClusterState {
  private readonly node: RedisNodeContext;
  private readonly lease: NodeLease;
  private readonly membership: Membership;
  private readonly bus: Bus;
  private readonly rest: RestQueries;
  private readonly housekeeping: Housekeeping;
  readonly watchlist: RedisWatchlist;
  private webhookQueue: WebhookQueue | null = null;

  constructor(options: RedisStateOptions) {
    this.node = new RedisNodeContext(options);
    this.lease = new NodeLease(this.node, {
      failAll: (why) => this.membership.failAll(why),
      dropAll: () => this.membership.dropAll(),
    });
    this.membership = new Membership(this.node, this.lease);
    this.bus = new Bus(this.node, this.membership);
    this.rest = new RestQueries(this.node);
    this.housekeeping = new Housekeeping(this.node.log);
    this.watchlist = new RedisWatchlist(this.node);
  }

  get nodeId(): string {
    return this.node.id;
  }

  createChannelIndex(context: ChannelContext): ClusterChannelIndex {
    const index = new ClusterChannelIndex(context);
    this.node.indexes.set(context.app.id, index);
    return index;
  }

  attachWebhooks(webhooks: Webhooks): void {
    const wanted = webhooks.webhookApps().length > 0 ? webhooks : null;
    this.lease.useWebhooks(wanted);
    this.webhookQueue = wanted ? new WebhookQueue(this.node, wanted) : null;
  }

  async start(apps: AppRegistry): Promise<void> {
    const { node, lease } = this;
    node.apps = apps;
    watchConnection('command', node.command, node.log, () => lease.onRedisLost());
    watchConnection('subscriber', node.subscriber, node.log, () => lease.onRedisLost());
    node.log.info(`connecting to Redis: ${describeRedisTarget(node.cluster)}`, { event: 'redis_connecting' });
    await Promise.all([connectWhenPossible(node.command), connectWhenPossible(node.subscriber)]);
    await this.bus.listen();
    await this.watchlist.listen();
    await lease.resync();
    if (!lease.isRegistered) throw new HttpError(503, 'could not register this node in the cluster');
    this.housekeeping.every(node.cluster.heartbeatMs, () => lease.heartbeat());
    this.housekeeping.every(node.cluster.reaperIntervalMs, () => lease.reap());
    this.housekeeping.every(node.cluster.reaperIntervalMs, () => this.watchlist.reap());
    const queue = this.webhookQueue;
    if (queue) this.housekeeping.every(node.cluster.webhookPollMs, () => queue.claim());
    node.log.info('joined the cluster', { event: 'node_registered', leaseMs: node.cluster.leaseMs });
  }

  isLive(): boolean {
    return this.lease.isLive();
  }

  subscribe(connection: Connection, name: string, request: SubscribeRequest): void {
    this.membership.subscribe(connection, name, request);
  }

  unsubscribe(connection: Connection, name: string): boolean {
    return this.membership.unsubscribe(connection, name);
  }

  disconnect(connection: Connection): void {
    this.membership.disconnect(connection);
  }

  publish(app: App, channel: string, event: string, data: string, exceptSocketId: string | undefined): Promise<void> {
    return this.bus.publish(app, channel, event, data, exceptSocketId);
  }

  relayClientEvent(connection: Connection, channel: LocalChannel, frame: string): void {
    this.bus.relayClientEvent(connection, channel, frame);
  }

  terminateUser(app: App, userId: string): Promise<void> {
    return this.bus.terminateUser(app, userId);
  }

  channelSummaries(app: App, names: readonly string[]): Promise<Map<string, ChannelSummary>> {
    return this.rest.channelSummaries(app, names);
  }

  occupiedChannels(app: App, prefix: string): Promise<Map<string, ChannelSummary>> {
    return this.rest.occupiedChannels(app, prefix);
  }

  channelUsers(app: App, name: string): Promise<string[]> {
    return this.rest.channelUsers(app, name);
  }

  async close(): Promise<void> {
    this.housekeeping.stop();
    await this.lease.close();
    this.node.command.disconnect();
    this.node.subscriber.disconnect();
  }
}
