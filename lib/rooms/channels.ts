import type { RoomKind } from '@/lib/db/schema';
import { ROOM_SLUG_PATTERN } from '@/lib/db/limits';

/** Each room is one Pusher presence channel: `presence-hobby-{slug}` or `presence-business-{slug}`. */
const ROOM_CHANNEL_PATTERN = /^presence-(hobby|business)-([a-z0-9-]{1,64})$/;

export type RoomChannel = { kind: RoomKind; slug: string };

export function roomChannelName(room: { kind: RoomKind; slug: string }): string {
  return `presence-${room.kind}-${room.slug}`;
}

/** The room a channel name refers to, or null for any other channel (private, public, malformed). */
export function parseRoomChannel(name: string): RoomChannel | null {
  const match = ROOM_CHANNEL_PATTERN.exec(name);
  if (!match) return null;
  const [, kind, slug] = match;
  if ((kind !== 'hobby' && kind !== 'business') || !slug || !ROOM_SLUG_PATTERN.test(slug)) return null;
  return { kind, slug };
}
