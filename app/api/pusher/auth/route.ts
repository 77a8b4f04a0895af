import { getChannelAuthContext } from '@/lib/db/queries/channel-auth';
import { readFormOrJson } from '@/lib/http/body';
import { requireSessionUserId } from '@/lib/http/api-user';
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { parseLobbyChannel } from '@/lib/lobby/channels';
import { memberInfoFor } from '@/lib/presence/member-info';
import { getPusher } from '@/lib/pusher/server';
import { channelAuthRequestSchema } from '@/lib/pusher/schemas';
import { assertMayJoinPresence, authorizeWatchChannel } from '@/lib/presence/appear-offline/channel-access';
import { parseRoomChannel, parseWatchChannel } from '@/lib/rooms/channels';

/**
 * pusher-js channel authorization: room presence channels and the lobby channels, identity always from the
 * session. The user, the room and the user's role come from one query on every request, so a role change or a
 * removal counts from the very next authorization on every replica.
 */
export const POST = apiRoute(async (request) => {
  const { socket_id, channel_name } = await readFormOrJson(request, channelAuthRequestSchema);
  const lobby = parseLobbyChannel(channel_name);
  const channel = parseRoomChannel(channel_name);
  const watch = parseWatchChannel(channel_name);
  if (!channel && !lobby && !watch) {
    throw new BadRequestError('channel_name: only presence-hobby-{slug}, presence-business-{slug}, their private-watch-* channels and the lobby channels');
  }

  const userId = await requireSessionUserId();
  // Lobby channels (room occupancy, see lib/lobby/channels.ts): signed-in users; a business room's, its members.
  const slug = channel?.slug ?? watch?.slug ?? (lobby?.kind === 'business' ? lobby.slug : null);
  const context = await getChannelAuthContext(userId, slug);
  if (!context) throw new UnauthorizedError();
  if (watch) return jsonResponse(authorizeWatchChannel(socket_id, channel_name, watch, context));

  if (lobby) {
    if (lobby.kind === 'business') {
      if (context.room?.kind !== 'business') throw new NotFoundError('No such room.');
      if (!context.role) throw new ForbiddenError('This room is for its members only.');
    }
    return jsonResponse(getPusher().authorizeChannel(socket_id, channel_name));
  }
  if (!channel) throw new BadRequestError('channel_name: not a room channel');

  const { room, role, user } = context;
  assertMayJoinPresence(user);
  if (!room || room.kind !== channel.kind) throw new NotFoundError('No such room.');
  if (room.kind === 'business' && !role) throw new ForbiddenError('This room is for its members only.');

  const auth = getPusher().authorizeChannel(socket_id, channel_name, {
    user_id: user.id,
    user_info: memberInfoFor(user, role ?? undefined),
  });
  return jsonResponse(auth);
});
