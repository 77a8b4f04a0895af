import type { RoomKind } from '@/lib/db/schema';
import { ROOM_SLUG_PATTERN } from '@/lib/db/limits';

/** Each room is one Pusher presence channel: `presence-hobby-{slug}` or `presence-business-{slug}`. */
const ROOM_CHANNEL_PATTERN = /^presence-(hobby|business)-([a-z0-9-]{1,64})$/;

export type RoomChannel = { kind: RoomKind; slug: string };

export function roomChannelName(room: { kind: RoomKind; slug: string }): string {
  return `presence-${room.kind}-${room.slug}`;
}

/**
 * A room's onlooker channel: the room's events for someone who receives them without being a presence member
 * (appearing offline, waiting in a full room). Every server event for the room goes to both channels, and the
 * app mirrors presence changes onto it from webhooks. A private channel tells nobody who subscribes to it, so
 * nothing on it gives an onlooker's id away.
 *
 * On the wire it keeps its first name, `private-watch-{kind}-{slug}`: running deployments, open tabs and
 * soketi/Pusher configurations know that name. "Watch" there has nothing to do with Pusher's watchlist.
 */
export const ONLOOKER_CHANNEL_WIRE_PREFIX = 'private-watch-';
const ONLOOKER_CHANNEL_PATTERN = new RegExp(`^${ONLOOKER_CHANNEL_WIRE_PREFIX}(hobby|business)-([a-z0-9-]{1,64})$`);

export function onlookerChannelName(room: { kind: RoomKind; slug: string }): string {
  return `${ONLOOKER_CHANNEL_WIRE_PREFIX}${room.kind}-${room.slug}`;
}

/** Where a server event for the room goes: its presence channel and its onlooker channel, in one trigger. */
export function roomEventChannels(room: { kind: RoomKind; slug: string }): string[] {
  return [roomChannelName(room), onlookerChannelName(room)];
}

function parseChannel(pattern: RegExp, name: string): RoomChannel | null {
  const match = pattern.exec(name);
  if (!match) return null;
  const [, kind, slug] = match;
  if ((kind !== 'hobby' && kind !== 'business') || !slug || !ROOM_SLUG_PATTERN.test(slug)) return null;
  return { kind, slug };
}

/** The room an onlooker channel name refers to, or null. */
export function parseOnlookerChannel(name: string): RoomChannel | null {
  return parseChannel(ONLOOKER_CHANNEL_PATTERN, name);
}

/** The room a channel name refers to, or null for any other channel (private, public, malformed). */
export function parseRoomChannel(name: string): RoomChannel | null {
  return parseChannel(ROOM_CHANNEL_PATTERN, name);
}
