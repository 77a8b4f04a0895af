import type { ChannelAuthResponse } from 'pusher';
import type { User } from '@/lib/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/http/errors';
import { getPusher } from '@/lib/pusher/server';
import { requireRoomAccess } from '@/lib/rooms/access';
import type { RoomChannel } from '@/lib/rooms/channels';

/**
 * Someone appearing offline must never be a presence member under their id: that id would reach every other
 * member (`subscription_succeeded`, `member_added`), REST `/users`, `user_count` and the webhooks behind the
 * lobby. Their tabs follow the room on its watch channel instead; this refusal also stops a stale tab (one
 * that missed the switch while disconnected) from rejoining the presence channel.
 */
export function assertMayJoinPresence(user: Pick<User, 'appearOffline'>): void {
  if (user.appearOffline) throw new ForbiddenError('You appear offline: this page follows the room without joining it.');
}

/** A room's watch channel: for anyone who may use the room (its events are the ones its members get anyway). */
export async function authorizeWatchChannel(socketId: string, channelName: string, channel: RoomChannel, user: Pick<User, 'id'>): Promise<ChannelAuthResponse> {
  const { room } = await requireRoomAccess(channel.slug, user.id);
  if (room.kind !== channel.kind) throw new NotFoundError('No such room.');
  return getPusher().authorizeChannel(socketId, channelName);
}
