import type { UserAuthResponse } from 'pusher';
import { getAuthIdentity } from '@/lib/db/queries/channel-auth';
import { UnauthorizedError } from '@/lib/http/errors';
import { memberInfoFor } from '@/lib/presence/member-info';
import { getPusher } from '@/lib/pusher/server';

/**
 * pusher-js `signin()` for the session's user: signs their identity for this connection. The caller proves
 * `userId` from the session; the user_info is built from the database row.
 */
export async function authenticateUserForSocket(socketId: string, userId: string): Promise<UserAuthResponse> {
  const user = await getAuthIdentity(userId);
  if (!user) throw new UnauthorizedError();
  return getPusher().authenticateUser(socketId, { id: user.id, user_info: memberInfoFor(user) });
}
