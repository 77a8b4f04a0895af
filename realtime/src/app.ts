import { randomInt } from 'node:crypto';
import type { AppConfig } from './config/schema';
import { EventCache, isCacheChannel } from './channels/cache';
import type { ChannelIndex, ClusterState } from './cluster/state';
import type { Connection } from './connection/connection';
import type { RealtimeEvents } from './events';
import type { Logger } from './logger';
import { SERVER_TO_USER_PREFIX, userIdOfServerToUserChannel } from './protocol/channel-names';
import { encodeMessage } from './protocol/messages';
import { encodeTextMessage } from './protocol/ws-frame';

/** Socket ids are `<int>.<int>`; both halves come from the CSPRNG. */
const SOCKET_ID_PART_MAX = 2 ** 31 - 1;

/** Runtime state of one configured app: its connections, signed-in users and channels. */
export class App {
  readonly connections = new Map<string, Connection>();
  /** Signed-in user id → that user's connections (for sendToUser and terminate_connections). */
  readonly users = new Map<string, Set<Connection>>();
  /** This process's subscribers of each channel. */
  readonly channels: ChannelIndex;
  /** Last event of each cache channel. */
  readonly cache = new EventCache();

  constructor(
    readonly config: AppConfig,
    readonly events: RealtimeEvents,
    readonly logger: Logger,
    /** Shared state: this process alone, or the cluster (chosen once at start). */
    readonly state: ClusterState,
  ) {
    this.channels = state.createChannelIndex({ app: config, events });
  }

  get id(): string {
    return this.config.id;
  }

  /** A socket id no live connection of this app has. */
  newSocketId(): string {
    for (;;) {
      const id = `${randomInt(1, SOCKET_ID_PART_MAX)}.${randomInt(1, SOCKET_ID_PART_MAX)}`;
      if (!this.connections.has(id)) return id;
    }
  }

  addUserConnection(userId: string, connection: Connection): void {
    let set = this.users.get(userId);
    if (!set) {
      set = new Set();
      this.users.set(userId, set);
    }
    set.add(connection);
  }

  removeUserConnection(userId: string, connection: Connection): void {
    const set = this.users.get(userId);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.users.delete(userId);
  }

  /**
   * Writes one server event (REST trigger) to this process's subscribers of `channel`, skipping the
   * connection whose socket id is `excludeSocketId`. `#server-to-user-{id}` goes to that user's
   * signed-in connections only.
   */
  publish(channel: string, event: string, data: string, excludeSocketId: string | undefined): number {
    return this.deliver(channel, encodeMessage({ event, channel, data }), excludeSocketId);
  }

  /** `publish` with the message already serialized (as it arrives from the cluster's bus). */
  deliver(channel: string, frame: string, excludeSocketId: string | undefined): number {
    if (isCacheChannel(channel)) this.cache.remember(channel, frame);
    const except = excludeSocketId === undefined ? null : (this.connections.get(excludeSocketId) ?? null);
    if (channel.startsWith(SERVER_TO_USER_PREFIX)) {
      const connections = this.users.get(userIdOfServerToUserChannel(channel));
      if (!connections) return 0;
      const { frame: wsFrame, payloadBytes } = encodeTextMessage(frame);
      let count = 0;
      for (const connection of connections) {
        if (connection !== except && connection.sendFrame(wsFrame)) count += 1;
      }
      if (count > 0) this.events.emit('ws_messages_sent', { appId: this.id, count, bytes: payloadBytes });
      return count;
    }
    return this.channels.get(channel)?.broadcast(frame, except) ?? 0;
  }
}

/** All configured apps, looked up by key (WebSocket path) or id (REST path). */
export class AppRegistry {
  private readonly byKey = new Map<string, App>();
  private readonly byId = new Map<string, App>();

  constructor(configs: AppConfig[], events: RealtimeEvents, logger: Logger, state: ClusterState) {
    for (const config of configs) {
      const app = new App(config, events, logger, state);
      this.byKey.set(config.key, app);
      this.byId.set(config.id, app);
    }
  }

  findByKey(key: string): App | undefined {
    return this.byKey.get(key);
  }

  findById(id: string): App | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<App> {
    return this.byId.values();
  }
}
