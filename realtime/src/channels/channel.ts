import type { AppConfig } from '../config/schema';
import type { RealtimeEvents } from '../events';
import type { ChannelKind } from '../protocol/channel-names';
import { encodeMessage } from '../protocol/messages';
import { encodeTextMessage } from '../protocol/ws-frame';
import type { Connection } from '../connection/connection';

/** What a `pusher:subscribe` carries besides the channel name. */
export interface SubscribeRequest {
  auth: unknown;
  channelData: unknown;
}

export interface ChannelContext {
  app: AppConfig;
  events: RealtimeEvents;
}

/**
 * What this process knows of a channel: its local subscribers (to write frames to) and, for presence,
 * who each of them is. Connections keep one per subscribed channel, in both state modes.
 */
export interface LocalChannel {
  readonly name: string;
  readonly kind: ChannelKind;
  /** Connections subscribed (in this process). */
  readonly subscriptionCount: number;
  /** Distinct users (presence only; null elsewhere). */
  readonly userCount: number | null;
  /** Whether client events may be sent on it by its subscribers. */
  readonly allowsClientEvents: boolean;
  has(connection: Connection): boolean;
  /** Writes an already-serialized message to every subscriber but `except`; returns how many got it. */
  broadcast(message: string, except?: Connection | null): number;
  /** Extra data for `user_id` on client events (presence only). */
  userIdOf(connection: Connection): string | undefined;
}

/** One channel of one app in single-process mode. Every method is synchronous, so membership changes are atomic. */
export interface Channel extends LocalChannel {
  /** Subscribes and answers the connection, or throws SubscriptionError leaving no trace. */
  subscribe(connection: Connection, request: SubscribeRequest): void;
  /** Returns whether the connection was subscribed. */
  unsubscribe(connection: Connection): boolean;
}

export abstract class BaseChannel implements Channel {
  abstract readonly kind: ChannelKind;
  abstract readonly allowsClientEvents: boolean;
  protected readonly subscribers = new Set<Connection>();

  constructor(
    readonly name: string,
    protected readonly context: ChannelContext,
  ) {}

  get subscriptionCount(): number {
    return this.subscribers.size;
  }

  get userCount(): number | null {
    return null;
  }

  has(connection: Connection): boolean {
    return this.subscribers.has(connection);
  }

  userIdOf(_connection: Connection): string | undefined {
    return undefined;
  }

  subscribe(connection: Connection, request: SubscribeRequest): void {
    this.authorize(connection, request);
    this.subscribers.add(connection);
    connection.send(
      encodeMessage({ event: 'pusher_internal:subscription_succeeded', channel: this.name, data: '{}' }),
    );
  }

  unsubscribe(connection: Connection): boolean {
    return this.subscribers.delete(connection);
  }

  broadcast(message: string, except: Connection | null = null): number {
    if (this.subscribers.size === 0) return 0;
    // Serialize and frame once: the same bytes are written to every socket.
    const { frame, payloadBytes } = encodeTextMessage(message);
    let count = 0;
    for (const subscriber of this.subscribers) {
      if (subscriber === except) continue;
      if (subscriber.sendFrame(frame)) count += 1;
    }
    if (count > 0) this.context.events.emit('ws_messages_sent', { appId: this.context.app.id, count, bytes: payloadBytes });
    return count;
  }

  /** Throws SubscriptionError when the request may not subscribe. */
  protected abstract authorize(connection: Connection, request: SubscribeRequest): void;
}
