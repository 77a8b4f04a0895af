import { inArray, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { users } from '../schema';
import { isUserId } from './ids';

export type UserStatus = { status: string; statusUpdatedAt: Date | null };

/** Saves a status ('' clears it) and returns what was stored, or null if the user no longer exists. */
export async function updateUserStatus(userId: string, status: string, db?: Database): Promise<UserStatus | null> {
  if (!isUserId(userId)) return null;
  const [saved] = await (db ?? (await getDb()))
    .update(users)
    .set({ status, statusUpdatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ status: users.status, statusUpdatedAt: users.statusUpdatedAt });
  return saved ?? null;
}

/** Current statuses of the given users; unknown ids are simply absent from the result. */
export async function getStatusesForUsers(ids: readonly string[], db?: Database): Promise<Map<string, UserStatus>> {
  const valid = [...new Set(ids)].filter(isUserId);
  if (valid.length === 0) return new Map();
  const rows = await (db ?? (await getDb()))
    .select({ id: users.id, status: users.status, statusUpdatedAt: users.statusUpdatedAt })
    .from(users)
    .where(inArray(users.id, valid));
  return new Map(rows.map(({ id, ...status }) => [id, status]));
}

