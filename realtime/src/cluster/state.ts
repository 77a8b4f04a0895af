import type { App, AppRegistry } from '../app';
import type { ChannelContext, LocalChannel, SubscribeRequest } from '../channels/channel';
import type { Connection } from '../connection/connection';
import type { Webhooks } from '../webhooks/webhooks';
import type { WatchlistState } from './watchlist';

/** This process's channels of one app (what `App.publish` writes to and metrics count). */
export interface ChannelIndex {
  get(name: string): LocalChannel | undefined;
  all(): IterableIterator<LocalChannel>;
  readonly size: number;
}

/** What REST answers say of one channel, over the whole cluster. */
export interface ChannelSummary {
  subscriptionCount: number;
  /** Distinct users (presence channels; 0 elsewhere). */
  userCount: number;
}

/**
 * The one seam between the protocol code and shared state, chosen once at start: in-memory (one
 * process, the default: `state-memory.ts`) or Redis (several nodes: `redis/state-redis.ts`). Channel,
 * connection and REST code call only this; neither implementation is ever tested for by name.
 */
export interface ClusterState {
  /** Random per start (and per re-join after fencing); shown in logs and metrics. */
  readonly nodeId: string;
  /** Online users and watchlists (`pusher:signin` user_data.watchlist). */
  readonly watchlist: WatchlistState;
  /** Makes the index of this process's channels for one app. */
  createChannelIndex(context: ChannelContext): ChannelIndex;
  /** Connects and registers (cluster) before the server says it is listening. */
  start(apps: AppRegistry): Promise<void>;
  /** Whether this node may serve (`/up`): always in memory; in a cluster, while its lease holds. */
  isLive(): boolean;
  /** Member and channel webhooks come from here (client events are sent where they happen). */
  attachWebhooks(webhooks: Webhooks): void;

  /** `pusher:subscribe` with a valid name: answers `subscription_succeeded` or `subscription_error`. */
  subscribe(connection: Connection, name: string, request: SubscribeRequest): void;
  /** `pusher:unsubscribe`: returns whether the connection was subscribed. */
  unsubscribe(connection: Connection, name: string): boolean;
  /** A closing connection leaves all its channels. */
  disconnect(connection: Connection): void;

  /** A REST event, to every subscriber but `exceptSocketId`. */
  publish(app: App, channel: string, event: string, data: string, exceptSocketId: string | undefined): Promise<void>;
  /** A client event (already validated) to the channel's other subscribers. */
  relayClientEvent(connection: Connection, channel: LocalChannel, frame: string): void;
  /** REST terminate_connections: closes the user's connections everywhere. */
  terminateUser(app: App, userId: string): Promise<void>;

  /** Counts of the named channels (occupied when subscriptionCount > 0). */
  channelSummaries(app: App, names: readonly string[]): Promise<Map<string, ChannelSummary>>;
  /** Occupied channels whose name starts with `prefix`. */
  occupiedChannels(app: App, prefix: string): Promise<Map<string, ChannelSummary>>;
  /** User ids of a presence channel, each once. */
  channelUsers(app: App, name: string): Promise<string[]>;

  /** After every connection was closed: leaves the cluster. */
  close(): Promise<void>;
}
