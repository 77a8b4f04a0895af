import { inArray, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { isUserId } from '../queries';
import { users } from '../schema';

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
