import { randomBytes } from 'node:crypto';
import type { App } from '../app';
import { isCacheChannel } from '../channels/cache';
import type { ChannelContext, LocalChannel, SubscribeRequest } from '../channels/channel';
import { PresenceChannel } from '../channels/presence';
import { ChannelRegistry } from '../channels/registry';
import type { Connection } from '../connection/connection';
import { confirmSubscription, refuseSubscription } from '../connection/subscriptions';
import { CloseCode, SubscriptionError } from '../errors';
import type { Webhooks } from '../webhooks/webhooks';
import type { ChannelSummary, ClusterState } from './state';
import { MemoryWatchlist } from './watchlist-memory';

const NODE_ID_BYTES = 6;

/** A random id for this process (per start). */
export function newNodeId(): string {
  return randomBytes(NODE_ID_BYTES).toString('hex');
}

/**
 * One process, everything in memory (the default, no Redis): the channel registry decides
 * membership synchronously and publishing writes straight to local subscribers.
 */
export class MemoryState implements ClusterState {
  readonly nodeId = newNodeId();
  readonly watchlist = new MemoryWatchlist();
  private readonly registries = new Map<string, ChannelRegistry>();

  createChannelIndex(context: ChannelContext): ChannelRegistry {
    const registry = new ChannelRegistry(context);
    this.registries.set(context.app.id, registry);
    return registry;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  isLive(): boolean {
    return true;
  }

  attachWebhooks(webhooks: Webhooks): void {
    webhooks.holdTransitionsLocally();
  }

  subscribe(connection: Connection, name: string, request: SubscribeRequest): void {
    const registry = this.registry(connection.app);
    try {
      const channel = registry.subscribe(name, connection, request);
      if (!connection.isOpen) {
        // Closed by its own answer (4100: a client that stopped reading): its teardown ran before the
        // channel was recorded on it, so the subscription is taken back here, member and channel included.
        registry.unsubscribe(channel, connection);
        return;
      }
      confirmSubscription(connection, channel);
    } catch (error) {
      if (error instanceof SubscriptionError) {
        refuseSubscription(connection, name, error);
        return;
      }
      throw error;
    }
  }

  unsubscribe(connection: Connection, name: string): boolean {
    const registry = this.registry(connection.app);
    const channel = registry.get(name);
    if (!channel || !connection.subscriptions.has(name)) return false;
    registry.unsubscribe(channel, connection);
    return true;
  }

  disconnect(connection: Connection): void {
    const registry = this.registry(connection.app);
    for (const name of connection.subscriptions.keys()) {
      const channel = registry.get(name);
      if (channel) registry.unsubscribe(channel, connection);
    }
  }

  publish(app: App, channel: string, event: string, data: string, exceptSocketId: string | undefined): Promise<void> {
    app.publish(channel, event, data, exceptSocketId);
    return Promise.resolve();
  }

  relayClientEvent(connection: Connection, channel: LocalChannel, frame: string): void {
    if (isCacheChannel(channel.name)) connection.app.cache.remember(channel.name, frame);
    channel.broadcast(frame, connection);
  }

  terminateUser(app: App, userId: string): Promise<void> {
    for (const connection of [...(app.users.get(userId) ?? [])]) {
      connection.close(CloseCode.Unauthorized, 'Connections of this user were terminated');
    }
    return Promise.resolve();
  }

  channelSummaries(app: App, names: readonly string[]): Promise<Map<string, ChannelSummary>> {
    const registry = this.registry(app);
    return Promise.resolve(new Map(names.map((name) => [name, summarize(registry.get(name))])));
  }

  occupiedChannels(app: App, prefix: string): Promise<Map<string, ChannelSummary>> {
    const result = new Map<string, ChannelSummary>();
    for (const channel of this.registry(app).all()) {
      if (channel.name.startsWith(prefix) && channel.subscriptionCount > 0) result.set(channel.name, summarize(channel));
    }
    return Promise.resolve(result);
  }

  channelUsers(app: App, name: string): Promise<string[]> {
    const channel = this.registry(app).get(name);
    return Promise.resolve(channel instanceof PresenceChannel ? channel.userIds() : []);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private registry(app: App): ChannelRegistry {
    const registry = this.registries.get(app.id);
    if (!registry) throw new Error(`no channel registry for app ${app.id}`);
    return registry;
  }
}

function summarize(channel: LocalChannel | undefined): ChannelSummary {
  return { subscriptionCount: channel?.subscriptionCount ?? 0, userCount: channel?.userCount ?? 0 };
}
