import type { TestClient } from './pusher-client';

/**
 * Every member event one client receives on one channel, read from the raw protocol messages (pusher-js
 * hides repeats), with its own view of who is in: a member_added for someone already in, or a
 * member_removed for someone not in, is recorded as a violation.
 */
export class MemberLog {
  readonly added: string[] = [];
  readonly removed: string[] = [];
  readonly violations: string[] = [];
  readonly members = new Set<string>();

  constructor(client: TestClient, channel: string) {
    client.connection.bind('message', (message: { event: string; channel?: string; data?: unknown }) => {
      if (message.channel !== channel) return;
      const data = (typeof message.data === 'string' ? JSON.parse(message.data) : message.data) as Record<string, unknown>;
      if (message.event === 'pusher_internal:subscription_succeeded') {
        const presence = data.presence as { ids: string[] } | undefined;
        for (const id of presence?.ids ?? []) this.members.add(String(id));
      } else if (message.event === 'pusher_internal:member_added') {
        const id = String(data.user_id);
        this.added.push(id);
        if (this.members.has(id)) this.violations.push(`duplicate member_added ${id}`);
        this.members.add(id);
      } else if (message.event === 'pusher_internal:member_removed') {
        const id = String(data.user_id);
        this.removed.push(id);
        if (!this.members.delete(id)) this.violations.push(`member_removed for absent ${id}`);
      }
    });
  }

  count(list: 'added' | 'removed', userId: string): number {
    return this[list].filter((id) => id === userId).length;
  }
}

/** The user ids pusher-js holds for a presence channel. */
export function memberIds(client: TestClient, channel: string): string[] {
  const presence = client.channel(channel) as unknown as { members: { each(fn: (member: { id: string }) => void): void } } | undefined;
  const ids: string[] = [];
  presence?.members.each((member) => ids.push(String(member.id)));
  return ids.sort();
}
