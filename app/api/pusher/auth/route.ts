import { readFormOrJson } from '@/lib/http/body';
import { requireSessionUserId } from '@/lib/http/api-user';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { authorizeChannelForUser } from '@/lib/pusher/channel-authorization';
import { channelAuthRequestSchema } from '@/lib/pusher/schemas';

/** pusher-js channel authorization; identity always from the session (lib/pusher/channel-authorization.ts). */
export const POST = apiRoute(async (request) => {
  const { socket_id, channel_name } = await readFormOrJson(request, channelAuthRequestSchema);
  const userId = await requireSessionUserId();
  return jsonResponse(await authorizeChannelForUser(socket_id, channel_name, userId));
});
