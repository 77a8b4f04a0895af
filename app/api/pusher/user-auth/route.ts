import { readFormOrJson } from '@/lib/http/body';
import { requireSessionUserId } from '@/lib/http/api-user';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { authenticateUserForSocket } from '@/lib/pusher/user-authentication';
import { userAuthRequestSchema } from '@/lib/pusher/schemas';

/** pusher-js `signin()`; identity always from the session (lib/pusher/user-authentication.ts). */
export const POST = apiRoute(async (request) => {
  const { socket_id } = await readFormOrJson(request, userAuthRequestSchema);
  const userId = await requireSessionUserId();
  return jsonResponse(await authenticateUserForSocket(socket_id, userId));
});
