import { auth } from '@/lib/auth';
import { getUserById } from '@/lib/db/queries';
import type { User } from '@/lib/db/schema';
import { UnauthorizedError } from './errors';

/** The session's user, loaded from the database; 401 without a session or when the account is gone. */
export async function requireApiUser(): Promise<User> {
  const session = await auth();
  const id = session?.user?.id;
  const user = id ? await getUserById(id) : null;
  if (!user) throw new UnauthorizedError();
  return user;
}
