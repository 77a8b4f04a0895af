import type { App } from '../../app';
import type { LocalChannel } from '../../channels/channel';
import type { Connection } from '../../connection/connection';
import { CloseCode, HttpError } from '../../errors';
import { encodeMessage } from '../../protocol/messages';
import { isCacheChannel } from '../../channels/cache';
import { CACHE_TTL_MS } from '../../config/limits';
import { SERVER_TO_USER_PREFIX, userIdOfServerToUserChannel } from '../../protocol/channel-names';
import { framedMessage } from '../../protocol/ws-frame';
import { decodeBusMessage, decodeEventBuffer, encodeEventBuffer, encodeTerminate, type BusMessage, type EventFrame } from './bus-message';
import { applyMemberLists } from './member-view';
import type { Membership } from './membership';
import type { RedisNodeContext } from './node-context';
import { describe } from './node-log';

/**
 * The pub/sub channels events go through: one per channel (its events, client events and member
 * events, so they keep the order Redis decided them in), heard only by the nodes with local
 * subscribers on it; one every node hears (`terminate_connections`, events for a user); and this
 * node's inbox. Every node (the publisher too) delivers to its local subscribers only.
 */
export class Bus {
  constructor(
    private readonly node: RedisNodeContext,
    private readonly membership: Membership,
  ) {}

  /** Subscribes to the bus and this node's inbox (on the subscriber connection: one ordered stream). */
  async listen(): Promise<void> {
    this.node.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString('utf8'), message));
    await this.node.subscriber.subscribe(this.node.busChannel, this.node.inbox(this.node.id));
  }

  /**
   * One PUBLISH; the publishes of one event-loop turn (a batch's events) leave in one write and one
   * round trip (the command connection auto-pipelines).
   */
  publish(app: App, channel: string, event: string, data: string, exceptSocketId: string | undefined): Promise<void> {
    const text = encodeMessage({ event, channel, data });
    return this.send(app.id, channel, exceptSocketId ?? '', text).then(
      () => undefined,
      (error: unknown) => {
        throw new HttpError(503, `event not published: cluster state unavailable (${describe(error)})`);
      },
    );
  }

  relayClientEvent(connection: Connection, channel: LocalChannel, frame: string): void {
    this.send(connection.app.id, channel.name, connection.socketId, frame).catch((error: unknown) => {
      this.node.log.warn(`client event not published: ${describe(error)}`, { event: 'cluster_publish_failed' });
      connection.sendError('Client event not delivered: shared state unavailable, retry shortly', null);
    });
  }

  async terminateUser(app: App, userId: string): Promise<void> {
    try {
      await this.node.command.publish(this.node.busChannel, encodeTerminate(app.id, userId));
    } catch (error) {
      throw new HttpError(503, `connections not terminated: cluster state unavailable (${describe(error)})`);
    }
  }

  /** PUBLISH, or for a cache channel `publish-cached.lua` (its last event is kept in Redis in the same step). */
  private send(appId: string, channel: string, except: string, text: string): Promise<unknown> {
    const message = encodeEventBuffer(appId, channel, except, text);
    if (!isCacheChannel(channel)) return this.node.command.publish(this.busFor(appId, channel), message);
    return this.node.run('publish-cached', [appId, channel, message, text, CACHE_TTL_MS]);
  }

  /** A user's connections may be on any node: events for a user go to all of them. */
  private busFor(appId: string, channel: string): string {
    return channel.startsWith(SERVER_TO_USER_PREFIX) ? this.node.busChannel : this.node.busOf(appId, channel);
  }

  private onMessage(channel: string, bytes: Buffer): void {
    const fromInbox = channel === this.node.inbox(this.node.id);
    const fromBus = channel === this.node.busChannel || this.node.isChannelBus(channel);
    const event = fromBus ? decodeEventBuffer(bytes) : null;
    if (event !== null) {
      this.deliverEvent(event);
      return;
    }
    const decoded = decodeBusMessage(bytes.toString('utf8'));
    if (decoded === null || (!fromBus && !fromInbox) || (fromInbox !== (decoded.type === 'K' || decoded.type === 'M'))) {
      if (fromBus || fromInbox) this.node.log.warn('malformed cluster message ignored', { event: 'cluster_message_malformed', channel });
      return;
    }
    try {
      this.handle(decoded);
    } catch (error) {
      this.node.log.error('handling a cluster message failed', error, { event: 'cluster_message_failed', type: decoded.type });
    }
  }

  /** Writes the frame read from Redis as it is to the local subscribers (or the user's connections). */
  private deliverEvent({ appId, channel, except, frame }: EventFrame): void {
    const app = this.node.apps?.findById(appId);
    if (!app) return;
    try {
      const skip = except === '' ? null : (app.connections.get(except) ?? null);
      const encoded = framedMessage(frame);
      if (!channel.startsWith(SERVER_TO_USER_PREFIX)) {
        this.node.index(app).get(channel)?.broadcastFrame(encoded, skip);
        return;
      }
      let count = 0;
      for (const connection of app.users.get(userIdOfServerToUserChannel(channel)) ?? []) {
        if (connection !== skip && connection.sendFrame(frame)) count += 1;
      }
      if (count > 0) app.events.emit('ws_messages_sent', { appId, count, bytes: encoded.payloadBytes });
    } catch (error) {
      this.node.log.error('delivering a cluster event failed', error, { event: 'cluster_message_failed', type: 'E' });
    }
  }

  private handle(message: BusMessage): void {
    if (message.type === 'M') {
      applyMemberLists(this.node, message.lists);
      return;
    }
    const app = this.node.apps?.findById(message.appId);
    if (!app) return;
    switch (message.type) {
      case 'A':
        this.node.index(app).get(message.channel)?.showMemberAdded(message.userId, message.infoJson, app.connections.get(message.socketId) ?? null);
        return;
      case 'R':
        this.node.index(app).get(message.channel)?.showMemberRemoved(message.userId);
        return;
      case 'T':
        for (const connection of [...(app.users.get(message.userId) ?? [])]) {
          connection.close(CloseCode.Unauthorized, 'Connections of this user were terminated');
        }
        return;
      case 'K':
        this.membership.acknowledge(app, message.channel, message.socketId, message.cached, message.members);
        return;
    }
  }
}
