import { cookies } from 'next/headers';
import { auth } from './auth';
import { findSessionCookie, userIdFromSessionToken } from './session-token';

/**
 * The signed-in user's id from the session cookie alone: what `auth()` gives as `session.user.id`, without
 * the CSRF token, the callbacks and the re-encoded cookie that `auth()` makes on every call. For API routes
 * answered many times a second (pusher-js authorization); pages keep using `auth()`, which also slides the
 * session's expiry. The Node front (lib/pusher/front) reads the same cookie the same way.
 */
export async function sessionUserId(): Promise<string | null> {
  const jar = await cookies();
  const cookie = findSessionCookie((name) => jar.get(name)?.value);
  if (cookie.kind === 'token') return userIdFromSessionToken(cookie);
  if (cookie.kind === 'chunked') return (await auth())?.user?.id ?? null;
  return null;
}
