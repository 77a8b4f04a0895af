import { readFormOrJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { memberInfoFor } from '@/lib/presence/member-info';
import { getPusher } from '@/lib/pusher/server';
import { userAuthRequestSchema } from '@/lib/pusher/schemas';

/** pusher-js `signin()`: signs the session user's identity for this connection. */
export const POST = apiRoute(async (request) => {
  const { socket_id } = await readFormOrJson(request, userAuthRequestSchema);
  const user = await requireApiUser();
  return jsonResponse(getPusher().authenticateUser(socket_id, { id: user.id, user_info: memberInfoFor(user) }));
});
