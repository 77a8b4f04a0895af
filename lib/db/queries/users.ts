import { eq } from 'drizzle-orm';
import { avatarColorFor } from '@/lib/users/avatar-color';
import { getDb, type Database } from '../client';
import { users, type User } from '../schema';
import { isUserId } from './ids';

/* Every query takes an optional database so tests can run against their own; the app passes none. */

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`username "${username}" is taken`);
    this.name = 'UsernameTakenError';
  }
}

export async function getUserById(id: string, db?: Database): Promise<User | null> {
  if (!isUserId(id)) return null;
  const [user] = await (db ?? (await getDb())).select().from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function getUserByUsername(username: string, db?: Database): Promise<User | null> {
  const [user] = await (db ?? (await getDb())).select().from(users).where(eq(users.username, username)).limit(1);
  return user ?? null;
}

export type CreateUserInput = { username: string; displayName: string; passwordHash: string | null };

/** Creates a user with a colour derived from the username. Throws `UsernameTakenError` on a duplicate. */
export async function createUser(input: CreateUserInput, db?: Database): Promise<User> {
  const [user] = await (db ?? (await getDb()))
    .insert(users)
    .values({ ...input, color: avatarColorFor(input.username) })
    .onConflictDoNothing({ target: users.username })
    .returning();
  if (!user) throw new UsernameTakenError(input.username);
  return user;
}

