import { eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { isUserId } from './ids';
import { users, type User } from '../schema';

/** Names and colours of the given users (unknown or malformed ids are left out). */
export async function getUserSummaries(ids: readonly string[], db?: Database): Promise<Map<string, { name: string; color: string }>> {
  const valid = [...new Set(ids)].filter(isUserId);
  if (valid.length === 0) return new Map();
  const database = db ?? (await getDb());
  const rows = await database
    .select({ id: users.id, name: users.displayName, color: users.color })
    .from(users)
    .where(inArray(users.id, valid));
  return new Map(rows.map(({ id, ...summary }) => [id, summary]));
}

/** Records when users were last seen online; an older report never overwrites a newer one. */
export async function recordLastSeen(ids: readonly string[], at: Date, db?: Database): Promise<void> {
  const valid = [...new Set(ids)].filter(isUserId);
  if (valid.length === 0) return;
  const database = db ?? (await getDb());
  await database
    .update(users)
    .set({ lastSeenAt: sql`greatest(${users.lastSeenAt}, ${at.toISOString()}::timestamptz)` })
    .where(inArray(users.id, valid));
}

/** Turns "Appear offline" on or off; returns the saved value, or null for an unknown user. */
export async function setAppearOffline(userId: string, appearOffline: boolean, db?: Database): Promise<boolean | null> {
  if (!isUserId(userId)) return null;
  const database = db ?? (await getDb());
  const [saved] = await database.update(users).set({ appearOffline }).where(eq(users.id, userId)).returning({ appearOffline: users.appearOffline });
  return saved?.appearOffline ?? null;
}

/** What member info is built from (see memberInfoFor), for the given users; unknown or malformed ids are left out. */
export async function getMemberSources(
  ids: readonly string[],
  db?: Database,
): Promise<Map<string, Pick<User, 'displayName' | 'color' | 'status' | 'statusUpdatedAt'>>> {
  const valid = [...new Set(ids)].filter(isUserId);
  if (valid.length === 0) return new Map();
  const database = db ?? (await getDb());
  const rows = await database
    .select({ id: users.id, displayName: users.displayName, color: users.color, status: users.status, statusUpdatedAt: users.statusUpdatedAt })
    .from(users)
    .where(inArray(users.id, valid));
  return new Map(rows.map(({ id, ...source }) => [id, source]));
}
