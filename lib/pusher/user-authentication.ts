import type { UserAuthResponse } from 'pusher';
import { getConfig } from '@/lib/config';
import { getAuthIdentity } from '@/lib/db/queries/channel-auth';
import { listContactIds } from '@/lib/db/queries/contacts';
import { UnauthorizedError } from '@/lib/http/errors';
import { memberInfoFor } from '@/lib/presence/member-info';
import { getPusher } from '@/lib/pusher/server';

/**
 * pusher-js `signin()` for the session's user: signs their identity for this connection. The caller proves
 * `userId` from the session; the user_info is built from the database row. The watchlist is the person's
 * contacts (at most 100, most recent first), read at every signin, so a new contact is watched from the next
 * one. `invisible` (our realtime server's extension; others ignore it) keeps someone who appears offline from
 * ever being reported online to their contacts.
 */
export async function authenticateUserForSocket(socketId: string, userId: string): Promise<UserAuthResponse> {
  const user = await getAuthIdentity(userId);
  if (!user) throw new UnauthorizedError();
  // No "last seen" write here: last seen means leaving a room (the presence webhook), so a teammate who is
  // signed in elsewhere in the app is not shown as just gone, and a signin stays a pure read.
  const watchlist = getConfig().watchlist ? await listContactIds(user.id) : [];
  return getPusher().authenticateUser(socketId, {
    id: user.id,
    user_info: memberInfoFor(user),
    ...(watchlist.length > 0 ? { watchlist: [...watchlist] } : {}),
    ...(user.appearOffline ? { invisible: true } : {}),
  });
}
