import { SubscriptionError } from '../errors';
import type { Connection } from '../connection/connection';
import { encodeMessage } from '../protocol/messages';
import { identifyPresenceMember, type PresenceMember } from './authorize';
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
  private identify(connection: Connection, request: SubscribeRequest): PresenceMember {
    return identifyPresenceMember(this.context.app, connection, this.name, request);
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
