import type { ChannelContext, LocalChannel } from '../../channels/channel';
import type { Connection } from '../../connection/connection';
import { channelKind, type ChannelKind } from '../../protocol/channel-names';
import { encodeMessage } from '../../protocol/messages';
import { encodeTextMessage, type EncodedFrame } from '../../protocol/ws-frame';
import type { ChannelIndex } from '../state';

/** Who a local presence subscriber is, as it was signed (re-asserted after Redis comes back). */
export interface LocalMember {
  userId: string;
  infoJson: string;
}

/**
 * One channel as a cluster node sees it: its local subscribers, and for presence the member list
 * its clients were shown (`view`), kept in step with the cluster's member events in the order
 * Redis published them. Membership itself is decided in Redis, never here.
 */
export class ClusterChannel implements LocalChannel {
  readonly kind: ChannelKind;
  readonly allowsClientEvents: boolean;
  /** presence: user id → user_info JSON, as the local clients have it. */
  readonly view = new Map<string, string>();
  private readonly subscribers = new Map<Connection, LocalMember | null>();

  constructor(
    readonly name: string,
    private readonly context: ChannelContext,
  ) {
    this.kind = channelKind(name);
    this.allowsClientEvents = this.kind === 'private' || this.kind === 'private-encrypted' || this.kind === 'presence';
  }

  get subscriptionCount(): number {
    return this.subscribers.size;
  }

  get userCount(): number | null {
    return this.kind === 'presence' ? this.view.size : null;
  }

  has(connection: Connection): boolean {
    return this.subscribers.has(connection);
  }

  userIdOf(connection: Connection): string | undefined {
    return this.subscribers.get(connection)?.userId;
  }

  memberOf(connection: Connection): LocalMember | null {
    return this.subscribers.get(connection) ?? null;
  }

  subscriberEntries(): IterableIterator<[Connection, LocalMember | null]> {
    return this.subscribers.entries();
  }

  attach(connection: Connection, member: LocalMember | null): void {
    this.subscribers.set(connection, member);
  }

  detach(connection: Connection): boolean {
    return this.subscribers.delete(connection);
  }

  /** The cluster added a member: shown once (a repeat, e.g. after a re-assert, is ignored). */
  showMemberAdded(userId: string, infoJson: string, except: Connection | null): void {
    if (this.view.has(userId)) return;
    this.view.set(userId, infoJson);
    const data = `{"user_id":${JSON.stringify(userId)},"user_info":${infoJson}}`;
    this.broadcast(encodeMessage({ event: 'pusher_internal:member_added', channel: this.name, data }), except);
  }

  /** The cluster removed a member: shown once. */
  showMemberRemoved(userId: string): void {
    if (!this.view.delete(userId)) return;
    this.broadcast(encodeMessage({ event: 'pusher_internal:member_removed', channel: this.name, data: JSON.stringify({ user_id: userId }) }));
  }

  broadcast(message: string, except: Connection | null = null): number {
    if (this.subscribers.size === 0) return 0;
    return this.broadcastFrame(encodeTextMessage(message), except);
  }

  /** `broadcast` of a message already framed (as the bus carries events). */
  broadcastFrame({ frame, payloadBytes }: EncodedFrame, except: Connection | null): number {
    let count = 0;
    for (const subscriber of this.subscribers.keys()) {
      if (subscriber === except) continue;
      if (subscriber.sendFrame(frame)) count += 1;
    }
    if (count > 0) this.context.events.emit('ws_messages_sent', { appId: this.context.app.id, count, bytes: payloadBytes });
    return count;
  }
}

/** A node's channels of one app: a channel is kept while it has local subscribers. */
export class ClusterChannelIndex implements ChannelIndex {
  private readonly channels = new Map<string, ClusterChannel>();

  constructor(readonly context: ChannelContext) {}

  get size(): number {
    return this.channels.size;
  }

  get(name: string): ClusterChannel | undefined {
    return this.channels.get(name);
  }

  all(): IterableIterator<ClusterChannel> {
    return this.channels.values();
  }

  /** The channel, made on the first local subscriber. */
  obtain(name: string): ClusterChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new ClusterChannel(name, this.context);
      this.channels.set(name, channel);
    }
    return channel;
  }

  /** Detaches; the channel (and its member view) is dropped with its last local subscriber. */
  detach(channel: ClusterChannel, connection: Connection): boolean {
    const removed = channel.detach(connection);
    if (channel.subscriptionCount === 0 && this.channels.get(channel.name) === channel) this.channels.delete(channel.name);
    return removed;
  }
}
