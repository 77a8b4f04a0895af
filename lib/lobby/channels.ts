import type { RoomKind } from '@/lib/db/schema';

/**
 * Lobby channels carry room occupancy to the rooms page without joining any room: hobby rooms on one channel
 * every signed-in user may subscribe to, each business room on its own channel for its members only (so a
 * non-member never learns who is inside).
 */
export const HOBBY_LOBBY_CHANNEL = 'private-lobby';
const BUSINESS_LOBBY_PREFIX = 'private-lobby-business-';
const BUSINESS_LOBBY_PATTERN = /^private-lobby-business-([a-z0-9-]{1,64})$/;

/** The server event on a lobby channel: one room's occupancy changed. */
export const OCCUPANCY_EVENT = 'occupancy';

export type LobbyChannel = { kind: 'hobby' } | { kind: 'business'; slug: string };

export function lobbyChannelFor(room: { kind: RoomKind; slug: string }): string {
  return room.kind === 'hobby' ? HOBBY_LOBBY_CHANNEL : `${BUSINESS_LOBBY_PREFIX}${room.slug}`;
}

export function parseLobbyChannel(name: string): LobbyChannel | null {
  if (name === HOBBY_LOBBY_CHANNEL) return { kind: 'hobby' };
  const match = BUSINESS_LOBBY_PATTERN.exec(name);
  return match?.[1] ? { kind: 'business', slug: match[1] } : null;
}
