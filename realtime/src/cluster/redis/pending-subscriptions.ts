import type { Connection } from '../../connection/connection';
import type { LocalMember } from './local-channels';

/** A subscription sent to Redis whose acknowledgement has not come back through the inbox yet. */
export interface PendingSubscription {
  connection: Connection;
  name: string;
  member: LocalMember | null;
  timer: NodeJS.Timeout;
}

export function pendingKey(appId: string, channel: string, socketId: string): string {
  return `${appId}\u0000${channel}\u0000${socketId}`;
}

/** Subscriptions awaiting their acknowledgement, each with a timeout. */
export class PendingSubscriptions {
  private readonly pending = new Map<string, PendingSubscription>();

  has(key: string): boolean {
    return this.pending.has(key);
  }

  get(key: string): PendingSubscription | undefined {
    return this.pending.get(key);
  }

  add(key: string, subscription: PendingSubscription): void {
    this.pending.set(key, subscription);
  }

  /** Removes and returns it (its timeout cleared). */
  take(key: string): PendingSubscription | undefined {
    const pending = this.pending.get(key);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.pending.delete(key);
    return pending;
  }

  keys(): string[] {
    return [...this.pending.keys()];
  }

  /** Keys of one connection's pending subscriptions. */
  keysOf(connection: Connection): string[] {
    return [...this.pending].flatMap(([key, pending]) => (pending.connection === connection ? [key] : []));
  }
}
