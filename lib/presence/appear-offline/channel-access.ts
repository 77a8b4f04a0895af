import type { ChannelAuthResponse } from 'pusher';
import type { User } from '@/lib/db/schema';
import { ForbiddenError } from '@/lib/http/errors';
import type { ChannelAuthContext } from '@/lib/db/queries/channel-auth';
import { getPusher } from '@/lib/pusher/server';
import type { RoomChannel } from '@/lib/rooms/channels';
import { requireRoomRole } from '@/lib/rooms/room-role';

/**
 * Someone appearing offline must never be a presence member under their id: that id would reach every other
 * member (`subscription_succeeded`, `member_added`), REST `/users`, `user_count` and the webhooks behind the
 * lobby. Their tabs follow the room on its onlooker channel instead; this refusal also stops a stale tab (one
 * that missed the switch while disconnected) from rejoining the presence channel.
 */
export function assertMayJoinPresence(user: Pick<User, 'appearOffline'>): void {
  if (user.appearOffline) throw new ForbiddenError('You appear offline: this page follows the room without joining it.');
}

/** A room's onlooker channel: for anyone who may use the room (its events are the ones its members get anyway). */
export function authorizeOnlookerChannel(socketId: string, channelName: string, channel: RoomChannel, context: ChannelAuthContext): ChannelAuthResponse {
  requireRoomRole(context.room, context.role, channel.kind);
  return getPusher().authorizeChannel(socketId, channelName);
}
