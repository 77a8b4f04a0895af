import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getUserById } from '@/lib/db/queries/users';
import type { User } from '@/lib/db/schema';
import { auth } from './auth';
import { signInUrlFor } from './callback-url';
import { currentPath } from './current-path';

/** The signed-in person as pages need them: fresh from the database, never from the session token. */
export type SignedInUser = Pick<User, 'id' | 'username' | 'displayName' | 'color' | 'status' | 'statusUpdatedAt' | 'appearOffline'>;

/**
 * The signed-in user, or null (no session, or the account behind the session no longer exists). Memoised per
 * request, so a layout and its page share one lookup.
 */
export const getSignedInUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUserById(id);
  if (!user) return null;
  const { username, displayName, color, status, statusUpdatedAt, appearOffline } = user;
  return { id: user.id, username, displayName, color, status, statusUpdatedAt, appearOffline };
});

/**
 * The signed-in user, or a redirect to `/sign-in?callbackUrl=…` that comes back here afterwards. Pass the
 * path explicitly when you know it; otherwise the one proxy.ts recorded for this request is used.
 */
export async function requireUser(callbackPath?: string): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) redirect(signInUrlFor(callbackPath ?? (await currentPath())));
  return user;
}
