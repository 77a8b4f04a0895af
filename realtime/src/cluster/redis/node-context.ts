import type { Redis } from 'ioredis';
import type { App, AppRegistry } from '../../app';
import type { ClusterConfig } from '../../config/schema';
import type { RealtimeEvents } from '../../events';
import type { Logger } from '../../logger';
import { newNodeId } from '../state-memory';
import { ChannelRoutes } from './channel-routes';
import type { ClusterChannelIndex } from './local-channels';
import { withNodeId } from './node-log';
import { createRedisClients } from './redis-clients';
import { ClusterScripts, type ScriptArg, type ScriptName } from './scripts';

export interface RedisStateOptions {
  cluster: ClusterConfig;
  events: RealtimeEvents;
  logger: Logger;
}

/** What every part of a Redis node shares: its id, connections, scripts, key names and local channels. */
export class RedisNodeContext {
  /** Random per start; replaced when the node rejoins after being fenced. */
  id = newNodeId();
  readonly command: Redis;
  readonly subscriber: Redis;
  readonly cluster: ClusterConfig;
  readonly events: RealtimeEvents;
  readonly log: Logger;
  /** The pub/sub channel every node listens to: `terminate_connections` and events for users. */
  readonly busChannel: string;
  private readonly channelBusPrefix: string;
  readonly indexes = new Map<string, ClusterChannelIndex>();
  /** The channel buses this node listens to, held by its local subscriptions. */
  readonly routes: ChannelRoutes;
  apps: AppRegistry | null = null;
  private readonly scripts: ClusterScripts;

  constructor(options: RedisStateOptions) {
    this.cluster = options.cluster;
    this.events = options.events;
    this.log = withNodeId(options.logger, () => this.id);
    this.scripts = new ClusterScripts(this.cluster.keyPrefix);
    this.busChannel = `${this.cluster.keyPrefix}bus`;
    this.channelBusPrefix = `${this.cluster.keyPrefix}bus:`;
    ({ command: this.command, subscriber: this.subscriber } = createRedisClients(this.cluster));
    this.routes = new ChannelRoutes(this.subscriber, this.log);
  }

  /**
   * The pub/sub channel of one channel's events and member events (bus_of() in lua/common.lua); a
   * node listens to it only while it has local subscribers (or pending ones) on the channel.
   */
  busOf(appId: string, channel: string): string {
    return `${this.channelBusPrefix}${appId}\u001f${channel}`;
  }

  /** Whether `name` is a channel's bus (as opposed to the node-wide bus or an inbox). */
  isChannelBus(name: string): boolean {
    return name.startsWith(this.channelBusPrefix);
  }

  /** The pub/sub channel of answers addressed to one node id. */
  inbox(nodeId: string): string {
    return `${this.cluster.keyPrefix}inbox:${nodeId}`;
  }

  run(name: ScriptName, args: readonly ScriptArg[]): Promise<unknown> {
    return this.scripts.run(this.command, name, args);
  }

  index(app: App): ClusterChannelIndex {
    const index = this.indexes.get(app.id);
    if (!index) throw new Error(`no channel index for app ${app.id}`);
    return index;
  }
}
