import type { Connection } from '../connection/connection';
import { channelKind } from '../protocol/channel-names';
import type { Channel, ChannelContext, SubscribeRequest } from './channel';
import { EncryptedChannel } from './encrypted';
import { PresenceChannel } from './presence';
import { PrivateChannel } from './private';
import { PublicChannel } from './public';

/**
 * The channels of one app. A channel exists while it has subscribers: it is created on the first
 * subscription (`channel_occupied`) and dropped with the last one (`channel_vacated`).
 */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly context: ChannelContext) {}

  get(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  all(): IterableIterator<Channel> {
    return this.channels.values();
  }

  get size(): number {
    return this.channels.size;
  }

  /** Subscribes (throws SubscriptionError and leaves nothing behind when refused). */
  subscribe(name: string, connection: Connection, request: SubscribeRequest): Channel {
    let channel = this.channels.get(name);
    const created = channel === undefined;
    if (!channel) channel = createChannel(name, this.context);
    try {
      channel.subscribe(connection, request);
    } finally {
      if (created && channel.subscriptionCount > 0) {
        this.channels.set(name, channel);
        this.context.events.emit('channel_occupied', { appId: this.context.app.id, channel: name });
      }
    }
    return channel;
  }

  unsubscribe(channel: Channel, connection: Connection): boolean {
    const removed = channel.unsubscribe(connection);
    if (removed && channel.subscriptionCount === 0 && this.channels.get(channel.name) === channel) {
      this.channels.delete(channel.name);
      this.context.events.emit('channel_vacated', { appId: this.context.app.id, channel: channel.name });
    }
    return removed;
  }
}

function createChannel(name: string, context: ChannelContext): Channel {
  switch (channelKind(name)) {
    case 'presence':
      return new PresenceChannel(name, context);
    case 'private-encrypted':
      return new EncryptedChannel(name, context);
    case 'private':
      return new PrivateChannel(name, context);
    case 'public':
    case 'server-to-user':
      return new PublicChannel(name, context);
  }
}
