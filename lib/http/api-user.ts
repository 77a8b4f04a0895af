import { sessionUserId } from '@/lib/auth/session-user-id';
import { getUserById } from '@/lib/db/queries/users';
import type { User } from '@/lib/db/schema';
import { UnauthorizedError } from './errors';

/** The session's user id (from the session cookie alone); 401 without a valid session. */
export async function requireSessionUserId(): Promise<string> {
  const id = await sessionUserId();
  if (!id) throw new UnauthorizedError();
  return id;
}

/** The session's user, loaded from the database; 401 without a session or when the account is gone. */
export async function requireApiUser(): Promise<User> {
  const user = await getUserById(await requireSessionUserId());
  if (!user) throw new UnauthorizedError();
  return user;
}
