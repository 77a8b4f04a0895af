import type { UserAuthResponse } from 'pusher';
import { getConfig } from '@/lib/config';
import { getAuthIdentity } from '@/lib/db/queries/channel-auth';
import { getSigninContext, type SigninContext } from '@/lib/db/queries/signin-context';
import { UnauthorizedError } from '@/lib/http/errors';
import { memberInfoFor } from '@/lib/presence/member-info';
import { getPusher } from '@/lib/pusher/server';

/** The identity, and the watchlist when the realtime server takes one (`PUSHER_WATCHLIST`), in one read. */
async function readSignin(userId: string): Promise<SigninContext | null> {
  if (getConfig().watchlist) return getSigninContext(userId);
  const user = await getAuthIdentity(userId);
  return user ? { user, contactIds: [] } : null;
}

/**
 * pusher-js `signin()` for the session's user: signs their identity for this connection. The caller proves
 * `userId` from the session; the user_info is built from the database row. The watchlist is the person's
 * contacts (at most 100, most recent first), read at every signin, so a new contact is watched from the next
 * one. `invisible` (our realtime server's extension; others ignore it) keeps someone who appears offline from
 * ever being reported online to their contacts.
 */
export async function authenticateUserForSocket(socketId: string, userId: string): Promise<UserAuthResponse> {
  const signin = await readSignin(userId);
  if (!signin) throw new UnauthorizedError();
  const { user, contactIds } = signin;
  // No "last seen" write here: last seen means leaving a room (the presence webhook), so a teammate who is
  // signed in elsewhere in the app is not shown as just gone, and a signin stays a pure read.
  return getPusher().authenticateUser(socketId, {
    id: user.id,
    user_info: memberInfoFor(user),
    ...(contactIds.length > 0 ? { watchlist: [...contactIds] } : {}),
    ...(user.appearOffline ? { invisible: true } : {}),
  });
}
