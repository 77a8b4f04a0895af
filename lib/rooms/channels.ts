import type { RoomKind } from '@/lib/db/schema';
import { ROOM_SLUG_PATTERN } from '@/lib/db/limits';

/** Each room is one Pusher presence channel: `presence-hobby-{slug}` or `presence-business-{slug}`. */
const ROOM_CHANNEL_PATTERN = /^presence-(hobby|business)-([a-z0-9-]{1,64})$/;

export type RoomChannel = { kind: RoomKind; slug: string };

export function roomChannelName(room: { kind: RoomKind; slug: string }): string {
  return `presence-${room.kind}-${room.slug}`;
}

/**
 * A room's watch channel, `private-watch-{kind}-{slug}`: the room's events for someone who receives them
 * without being a presence member (appearing offline; later, people in a full room). Every server event
 * for the room goes to both channels, and the app mirrors presence changes onto it from webhooks. A private
 * channel tells nobody who subscribes to it, so nothing on it gives a watcher's id away.
 */
const WATCH_CHANNEL_PATTERN = /^private-watch-(hobby|business)-([a-z0-9-]{1,64})$/;

export function watchChannelName(room: { kind: RoomKind; slug: string }): string {
  return `private-watch-${room.kind}-${room.slug}`;
}

/** Where a server event for the room goes: its presence channel and its watch channel, in one trigger. */
export function roomEventChannels(room: { kind: RoomKind; slug: string }): string[] {
  return [roomChannelName(room), watchChannelName(room)];
}

function parseChannel(pattern: RegExp, name: string): RoomChannel | null {
  const match = pattern.exec(name);
  if (!match) return null;
  const [, kind, slug] = match;
  if ((kind !== 'hobby' && kind !== 'business') || !slug || !ROOM_SLUG_PATTERN.test(slug)) return null;
  return { kind, slug };
}

/** The room a watch channel name refers to, or null. */
export function parseWatchChannel(name: string): RoomChannel | null {
  return parseChannel(WATCH_CHANNEL_PATTERN, name);
}

/** The room a channel name refers to, or null for any other channel (private, public, malformed). */
export function parseRoomChannel(name: string): RoomChannel | null {
  return parseChannel(ROOM_CHANNEL_PATTERN, name);
}
