import { verifyChannelAuth } from '../auth/socket-auth';
import { SubscriptionError } from '../errors';
import type { Connection } from '../connection/connection';
import { asRecord, encodeMessage } from '../protocol/messages';
import { BaseChannel, type SubscribeRequest } from './channel';

interface Member {
  info: unknown;
  /** Every connection of this user subscribed here. The member exists while this set is non-empty. */
  connections: Set<Connection>;
}

/**
 * `presence-`: a private channel that tracks members. One member per user id, however many
 * connections it has. Membership is decided here, synchronously, from the per-user connection
 * set, so `member_added` fires exactly on a user's first connection and `member_removed` exactly
 * when its last one leaves, whatever the interleaving of joins, leaves and drops.
 */
export class PresenceChannel extends BaseChannel {
  readonly kind = 'presence' as const;
  readonly allowsClientEvents = true;
  private readonly members = new Map<string, Member>();
  private readonly memberOf = new Map<Connection, string>();

  override get userCount(): number {
    return this.members.size;
  }

  userIds(): string[] {
    return [...this.members.keys()];
  }

  override userIdOf(connection: Connection): string | undefined {
    return this.memberOf.get(connection);
  }

  override subscribe(connection: Connection, request: SubscribeRequest): void {
    if (this.subscribers.has(connection)) {
      // Already a member through this connection: answer again, change nothing.
      this.sendSucceeded(connection);
      return;
    }
    const { userId, info } = this.identify(connection, request);
    const existing = this.members.get(userId);
    if (!existing && this.members.size >= this.context.app.limits.maxPresenceMembers) {
      throw new SubscriptionError(
        'LimitReached',
        `Presence channel ${this.name} is full (${this.context.app.limits.maxPresenceMembers} members)`,
        403,
      );
    }

    if (existing) {
      existing.connections.add(connection);
    } else {
      this.members.set(userId, { info, connections: new Set([connection]) });
      this.broadcast(
        encodeMessage({
          event: 'pusher_internal:member_added',
          channel: this.name,
          data: JSON.stringify({ user_id: userId, user_info: info }),
        }),
      );
      this.context.events.emit('member_added', { appId: this.context.app.id, channel: this.name, userId });
    }
    this.memberOf.set(connection, userId);
    this.subscribers.add(connection);
    this.sendSucceeded(connection);
  }

  override unsubscribe(connection: Connection): boolean {
    if (!this.subscribers.delete(connection)) return false;
    const userId = this.memberOf.get(connection);
    this.memberOf.delete(connection);
    if (userId === undefined) return true;
    const member = this.members.get(userId);
    if (!member) return true;
    member.connections.delete(connection);
    if (member.connections.size === 0) {
      this.members.delete(userId);
      this.broadcast(
        encodeMessage({ event: 'pusher_internal:member_removed', channel: this.name, data: JSON.stringify({ user_id: userId }) }),
      );
      this.context.events.emit('member_removed', { appId: this.context.app.id, channel: this.name, userId });
    }
    return true;
  }

  protected authorize(): void {
    // Presence authorization happens in `identify`, which also extracts the member.
  }

  /** Verifies the signature and returns who is joining; throws SubscriptionError otherwise. */
  private identify(connection: Connection, request: SubscribeRequest): { userId: string; info: unknown } {
    const limits = this.context.app.limits;
    if (typeof request.auth !== 'string' || request.auth === '') {
      throw new SubscriptionError('AuthError', `Subscribing to ${this.name} requires an auth signature`, 401);
    }
    const channelData = request.channelData;
    if (channelData !== undefined && channelData !== null && typeof channelData !== 'string') {
      throw new SubscriptionError('InvalidPresenceData', 'channel_data must be a JSON-encoded string', 400);
    }
    const signedData = typeof channelData === 'string' ? channelData : undefined;
    if (!verifyChannelAuth(this.context.app, connection.socketId, this.name, request.auth, signedData)) {
      throw new SubscriptionError('AuthError', `Invalid signature for ${this.name}`, 403);
    }

    let userId: unknown;
    let info: unknown;
    if (signedData !== undefined) {
      let parsed: Record<string, unknown> | null = null;
      try {
        parsed = asRecord(JSON.parse(signedData));
      } catch {
        parsed = null;
      }
      if (!parsed) throw new SubscriptionError('InvalidPresenceData', 'channel_data is not a JSON object', 400);
      userId = typeof parsed.user_id === 'number' && Number.isFinite(parsed.user_id) ? String(parsed.user_id) : parsed.user_id;
      info = parsed.user_info;
    } else if (connection.user) {
      // No channel_data: the signed-in user is the member (Pusher's "who's online" pattern).
      userId = connection.user.id;
      info = connection.user.info;
    } else {
      throw new SubscriptionError(
        'InvalidPresenceData',
        `Presence channel ${this.name} needs channel_data or a signed-in connection`,
        400,
      );
    }

    if (typeof userId !== 'string' || userId === '') {
      throw new SubscriptionError('InvalidPresenceData', 'user_id must be a non-empty string', 400);
    }
    if (userId.length > limits.maxPresenceUserIdLength) {
      throw new SubscriptionError('LimitReached', `user_id is longer than ${limits.maxPresenceUserIdLength} characters`, 400);
    }
    const infoJson = info === undefined ? '' : JSON.stringify(info);
    if (Buffer.byteLength(infoJson, 'utf8') > limits.maxPresenceUserInfoBytes) {
      throw new SubscriptionError('LimitReached', `user_info is larger than ${limits.maxPresenceUserInfoBytes} bytes`, 400);
    }
    return { userId, info: info ?? {} };
  }

  private sendSucceeded(connection: Connection): void {
    const ids: string[] = [];
    // Null prototype: a user id such as "__proto__" stays an ordinary key.
    const hash = Object.create(null) as Record<string, unknown>;
    for (const [id, member] of this.members) {
      ids.push(id);
      hash[id] = member.info;
    }
    connection.send(
      encodeMessage({
        event: 'pusher_internal:subscription_succeeded',
        channel: this.name,
        data: JSON.stringify({ presence: { ids, hash, count: ids.length } }),
      }),
    );
  }
}
