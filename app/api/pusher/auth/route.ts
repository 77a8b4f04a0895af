import { getBusinessRole, getRoomBySlug } from '@/lib/db/queries';
import { readFormOrJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, ForbiddenError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { parseLobbyChannel } from '@/lib/lobby/channels';
import { memberInfoFor } from '@/lib/presence/member-info';
import { getPusher } from '@/lib/pusher/server';
import { channelAuthRequestSchema } from '@/lib/pusher/schemas';
import { assertMayJoinPresence, authorizeWatchChannel } from '@/lib/presence/appear-offline/channel-access';
import { parseRoomChannel, parseWatchChannel } from '@/lib/rooms/channels';

/** pusher-js channel authorization: room presence channels only, identity always from the session. */
export const POST = apiRoute(async (request) => {
  const { socket_id, channel_name } = await readFormOrJson(request, channelAuthRequestSchema);
  const lobby = parseLobbyChannel(channel_name);
  const channel = parseRoomChannel(channel_name);
  const watch = parseWatchChannel(channel_name);
  if (!channel && !lobby && !watch) {
    throw new BadRequestError('channel_name: only presence-hobby-{slug}, presence-business-{slug}, their private-watch-* channels and the lobby channels');
  }

  const user = await requireApiUser();
  if (watch) return jsonResponse(await authorizeWatchChannel(socket_id, channel_name, watch, user));
  // Lobby channels (room occupancy, see lib/lobby/channels.ts): signed-in users; a business room's, its members.
  if (lobby) {
    if (lobby.kind === 'business') {
      const room = await getRoomBySlug(lobby.slug);
      if (!room || room.kind !== 'business') throw new NotFoundError('No such room.');
      if (!(await getBusinessRole(room.id, user.id))) throw new ForbiddenError('This room is for its members only.');
    }
    return jsonResponse(getPusher().authorizeChannel(socket_id, channel_name));
  }
  if (!channel) throw new BadRequestError('channel_name: not a room channel');
  assertMayJoinPresence(user);

  const room = await getRoomBySlug(channel.slug);
  if (!room || room.kind !== channel.kind) throw new NotFoundError('No such room.');
  let role: Awaited<ReturnType<typeof getBusinessRole>> | undefined;
  if (room.kind === 'business') {
    role = await getBusinessRole(room.id, user.id);
    if (!role) throw new ForbiddenError('This room is for its members only.');
  }

  const auth = getPusher().authorizeChannel(socket_id, channel_name, {
    user_id: user.id,
    user_info: memberInfoFor(user, role ?? undefined),
  });
  return jsonResponse(auth);
});
