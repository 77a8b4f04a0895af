import type { App } from '../../app';
import type { LocalChannel } from '../../channels/channel';
import type { Connection } from '../../connection/connection';
import { CloseCode, HttpError } from '../../errors';
import { encodeMessage } from '../../protocol/messages';
import { decodeBusMessage, encodeEvent, encodeTerminate, type BusMessage } from './bus-message';
import { applyMemberLists } from './member-view';
import type { Membership } from './membership';
import type { RedisNodeContext } from './node-context';
import { describe } from './node-log';

/**
 * The one pub/sub channel every event goes through, and this node's inbox. Every node (the
 * publisher too) delivers to its local subscribers only, in the order Redis decided.
 */
export class Bus {
  constructor(
    private readonly node: RedisNodeContext,
    private readonly membership: Membership,
  ) {}

  /** Subscribes to the bus and this node's inbox (on the subscriber connection: one ordered stream). */
  async listen(): Promise<void> {
    this.node.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    await this.node.subscriber.subscribe(this.node.busChannel, this.node.inbox(this.node.id));
  }

  publish(app: App, channel: string, event: string, data: string, exceptSocketId: string | undefined): Promise<void> {
    const frame = encodeMessage({ event, channel, data });
    return this.node.command.publish(this.node.busChannel, encodeEvent(app.id, channel, exceptSocketId ?? '', frame)).then(
      () => undefined,
      (error: unknown) => {
        throw new HttpError(503, `event not published: cluster state unavailable (${describe(error)})`);
      },
    );
  }

  relayClientEvent(connection: Connection, channel: LocalChannel, frame: string): void {
    this.node.command.publish(this.node.busChannel, encodeEvent(connection.app.id, channel.name, connection.socketId, frame)).catch((error: unknown) => {
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

  private onMessage(channel: string, message: string): void {
    const decoded = decodeBusMessage(message);
    const fromInbox = channel === this.node.inbox(this.node.id);
    const fromBus = channel === this.node.busChannel;
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

  private handle(message: BusMessage): void {
    if (message.type === 'M') {
      applyMemberLists(this.node, message.lists);
      return;
    }
    const app = this.node.apps?.findById(message.appId);
    if (!app) return;
    switch (message.type) {
      case 'E':
        app.deliver(message.channel, message.frame, message.except === '' ? undefined : message.except);
        return;
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
        this.membership.acknowledge(app, message.channel, message.socketId, message.members);
        return;
    }
  }
}
