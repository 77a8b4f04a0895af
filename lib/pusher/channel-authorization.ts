import type { ChannelAuthResponse } from 'pusher';
import { getChannelAuthContext } from '@/lib/db/queries/channel-auth';
import { BadRequestError, UnauthorizedError } from '@/lib/http/errors';
import { parseLobbyChannel } from '@/lib/lobby/channels';
import { memberInfoFor } from '@/lib/presence/member-info';
import { getPusher } from '@/lib/pusher/server';
import { assertMayJoinPresence, authorizeOnlookerChannel } from '@/lib/presence/appear-offline/channel-access';
import { parseRoomChannel, parseOnlookerChannel } from '@/lib/rooms/channels';
import { requireRoomRole } from '@/lib/rooms/room-role';

/**
 * Channel authorization for the session's user: room presence channels, their onlooker channels and the lobby
 * channels. The user, the room and the user's role come from one query on every call, so a role change or a
 * removal counts from the very next authorization on every replica. The caller proves `userId` from the session.
 */
export async function authorizeChannelForUser(socketId: string, channelName: string, userId: string): Promise<ChannelAuthResponse> {
  const lobby = parseLobbyChannel(channelName);
  const channel = parseRoomChannel(channelName);
  const onlooker = parseOnlookerChannel(channelName);
  if (!channel && !lobby && !onlooker) {
    throw new BadRequestError('channel_name: only presence-hobby-{slug}, presence-business-{slug}, their onlooker channels (private-watch-*) and the lobby channels');
  }

  // Lobby channels (room occupancy, see lib/lobby/channels.ts): signed-in users; a business room's, its members.
  const slug = channel?.slug ?? onlooker?.slug ?? (lobby?.kind === 'business' ? lobby.slug : null);
  const context = await getChannelAuthContext(userId, slug);
  if (!context) throw new UnauthorizedError();
  if (onlooker) return authorizeOnlookerChannel(socketId, channelName, onlooker, context);

  if (lobby) {
    if (lobby.kind === 'business') requireRoomRole(context.room, context.role, 'business');
    return getPusher().authorizeChannel(socketId, channelName);
  }
  if (!channel) throw new BadRequestError('channel_name: not a room channel');

  const { room, role, user } = context;
  assertMayJoinPresence(user);
  const { role: roomRole } = requireRoomRole(room, role, channel.kind);

  return getPusher().authorizeChannel(socketId, channelName, {
    user_id: user.id,
    user_info: memberInfoFor(user, roomRole ?? undefined),
  });
}
