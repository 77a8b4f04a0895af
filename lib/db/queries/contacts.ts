import { sql } from 'drizzle-orm';
import { MAX_CONTACTS } from '@/lib/people/limits';
import { getDb, type Database } from '../client';
import { isUserId } from '../queries';
import type { RoomKind } from '../schema';

/** Someone the user shares a room with, as the People panel lists them. */
export type Contact = {
  id: string;
  name: string;
  color: string;
  lastSeenAt: Date | null;
  /** Their "Appear offline" is on: shown offline whatever the realtime server says. */
  appearOffline: boolean;
};

/** Both drivers (node-postgres, PGlite) answer a raw query with `{ rows }`. */
function rowsOf<Row>(result: unknown): Row[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new Error('raw query answered without rows');
  return rows as Row[];
}

type ContactRow = { id: string; name: string; color: string; last_seen_at: Date | string | null; appear_offline: boolean };

/**
 * The people the user shares a room with, most recent first, at most `limit` (the watchlist cap): in a hobby
 * room, those who wrote there where the user wrote too (by their latest message there); in a business room,
 * the rest of the team (by when the later of the two joined).
 */
export async function listContacts(userId: string, limit = MAX_CONTACTS, db?: Database): Promise<Contact[]> {
  if (!isUserId(userId)) return [];
  const database = db ?? (await getDb());
  const result = rowsOf<ContactRow>(await database.execute(sql`
    with my_hobby_rooms as (
      select distinct m.room_id from messages m join rooms r on r.id = m.room_id
      where m.author_id = ${userId} and r.kind = 'hobby' and m.deleted_at is null
    ),
    hobby as (
      select m.author_id as user_id, max(m.created_at) as at from messages m
      join my_hobby_rooms mine on mine.room_id = m.room_id
      where m.author_id <> ${userId} and m.deleted_at is null
      group by m.author_id
    ),
    team as (
      select theirs.user_id, max(greatest(theirs.created_at, mine.created_at)) as at
      from room_memberships mine join room_memberships theirs on theirs.room_id = mine.room_id
      where mine.user_id = ${userId} and theirs.user_id <> ${userId}
      group by theirs.user_id
    ),
    ranked as (
      select user_id, max(at) as at from (select * from hobby union all select * from team) both_kinds group by user_id
    )
    select u.id, u.display_name as name, u.avatar_color as color, u.last_seen_at, u.appear_offline
    from ranked join users u on u.id = ranked.user_id
    order by ranked.at desc, u.display_name asc
    limit ${limit}
  `));
  return result.map((row) => ({
    id: row.id,
    name: row.name,
    color: row.color,
    lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at),
    appearOffline: row.appear_offline,
  }));
}

export type SharedRoom = { slug: string; name: string; kind: RoomKind };

/** The rooms that make two people contacts (the same rules as `listContacts`), by name. */
export async function listSharedRooms(userId: string, otherId: string, db?: Database): Promise<SharedRoom[]> {
  if (!isUserId(userId) || !isUserId(otherId) || userId === otherId) return [];
  const database = db ?? (await getDb());
  const result = rowsOf<SharedRoom>(await database.execute(sql`
    select r.slug, r.name, r.kind from rooms r
    where (r.kind = 'hobby'
        and exists (select 1 from messages m where m.room_id = r.id and m.author_id = ${userId} and m.deleted_at is null)
        and exists (select 1 from messages m where m.room_id = r.id and m.author_id = ${otherId} and m.deleted_at is null))
      or (r.kind = 'business'
        and exists (select 1 from room_memberships rm where rm.room_id = r.id and rm.user_id = ${userId})
        and exists (select 1 from room_memberships rm where rm.room_id = r.id and rm.user_id = ${otherId}))
    order by r.name asc
  `));
  return result.map((row) => ({ slug: row.slug, name: row.name, kind: row.kind }));
}
