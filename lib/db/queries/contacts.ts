import { and, asc, desc, eq, gt, lte, ne, sql } from 'drizzle-orm';
import { alias, unionAll } from 'drizzle-orm/pg-core';
import { MAX_CONTACTS } from '@/lib/people/limits';
import { getDb, type Database } from '../client';
import { isUserId } from './ids';
import { preparedPerDatabase } from '../prepared';
import { readCacheOf } from '../read-cache';
import { roomAuthors, roomMemberships, rooms, type RoomKind } from '../schema';

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
 * Who the user's contacts are, most recent first, at most `limit`: in a hobby room, those who wrote there where
 * the user wrote too (by their latest message there, from room_authors, which triggers keep); in a business
 * room, the rest of the team (by when the later of the two joined). Ties go by id, so every reader cuts the
 * same 100.
 *
 * Each room offers only its own first `limit` people by that order (index scans with a limit, so a team of
 * thousands costs no more than one of a hundred): anyone a room does not offer has `limit` people ahead of them
 * there, each at least as far ahead overall, so they could not have made the cut anyway. In a team, everyone who
 * joined before the user ties at the user's own joining, so that part is read in id order.
 *
 * One select (one column, `contact_id`, in rank order) with the placeholders `userId` and `limit`, for this
 * module's prepared statement and for the signin's single read (./signin-context.ts).
 */
export function contactIdsSelect(db: Database) {
  const me = sql.placeholder('userId');
  const limit = sql.placeholder('limit');

  const myWriting = alias(roomAuthors, 'my_writing');
  const writers = alias(roomAuthors, 'writers');
  const writersThere = db
    .select({ userId: sql<string>`${writers.authorId}`.as('contact_id'), at: sql<Date>`${writers.lastMessageAt}`.as('contact_at') })
    .from(writers)
    .where(and(eq(writers.roomId, myWriting.roomId), ne(writers.authorId, me)))
    .orderBy(desc(writers.lastMessageAt), asc(writers.authorId))
    .limit(limit)
    .as('writers_there');
  const hobby = db
    .select({ userId: writersThere.userId, at: writersThere.at })
    .from(myWriting)
    .innerJoin(rooms, and(eq(rooms.id, myWriting.roomId), eq(rooms.kind, 'hobby')))
    .crossJoinLateral(writersThere)
    .where(eq(myWriting.authorId, me));

  const myTeams = alias(roomMemberships, 'my_teams');
  const later = alias(roomMemberships, 'later');
  const joinedLater = db
    .select({ userId: sql<string>`${later.userId}`.as('contact_id'), at: sql<Date>`${later.createdAt}`.as('contact_at') })
    .from(later)
    .where(and(eq(later.roomId, myTeams.roomId), gt(later.createdAt, myTeams.createdAt), ne(later.userId, me)))
    .orderBy(desc(later.createdAt), asc(later.userId))
    .limit(limit)
    .as('joined_later');
  const teamLater = db.select({ userId: joinedLater.userId, at: joinedLater.at }).from(myTeams).crossJoinLateral(joinedLater).where(eq(myTeams.userId, me));

  const earlier = alias(roomMemberships, 'earlier');
  const joinedEarlier = db
    .select({ userId: sql<string>`${earlier.userId}`.as('contact_id') })
    .from(earlier)
    .where(and(eq(earlier.roomId, myTeams.roomId), lte(earlier.createdAt, myTeams.createdAt), ne(earlier.userId, me)))
    .orderBy(asc(earlier.userId))
    .limit(limit)
    .as('joined_earlier');
  const teamEarlier = db
    .select({ userId: joinedEarlier.userId, at: sql<Date>`${myTeams.createdAt}`.as('contact_at') })
    .from(myTeams)
    .crossJoinLateral(joinedEarlier)
    .where(eq(myTeams.userId, me));

  const candidates = unionAll(hobby, teamLater, teamEarlier).as('candidates');
  return db
    .select({ id: candidates.userId })
    .from(candidates)
    .groupBy(candidates.userId)
    .orderBy(sql`max(${candidates.at}) desc`, asc(candidates.userId))
    .limit(limit);
}

const contactIdsQuery = preparedPerDatabase((db: Database) => contactIdsSelect(db).prepare('contact_ids'));

async function readContactIds(database: Database, userId: string, limit: number): Promise<readonly string[]> {
  const rows = await contactIdsQuery(database).execute({ userId, limit });
  return rows.map((row) => row.id);
}

/**
 * The user's contacts' ids (see `contactIdsSelect`): what their watchlist is signed with at every signin. On the
 * embedded database the answer is kept until a write changes who is a contact (lib/db/read-cache.ts). The
 * answer is shared between callers: do not change it.
 */
export async function listContactIds(userId: string, limit = MAX_CONTACTS, db?: Database): Promise<readonly string[]> {
  if (!isUserId(userId)) return [];
  const database = db ?? (await getDb());
  return readCacheOf(database).read(`contact-ids:${userId}:${limit}`, () => readContactIds(database, userId, limit));
}

/** The user's contacts (the same ones, in the same order, as their watchlist) with what the People panel shows. */
export async function listContacts(userId: string, limit = MAX_CONTACTS, db?: Database): Promise<Contact[]> {
  const database = db ?? (await getDb());
  const ids = await listContactIds(userId, limit, database);
  if (ids.length === 0) return [];
  const rows = rowsOf<ContactRow>(await database.execute(sql`
    select u.id, u.display_name as name, u.avatar_color as color, u.last_seen_at, u.appear_offline
    from users u where u.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
  `));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{
      id: row.id,
      name: row.name,
      color: row.color,
      lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at),
      appearOffline: row.appear_offline,
    }];
  });
}

export type SharedRoom = { slug: string; name: string; kind: RoomKind };

/** The rooms that make two people contacts (the same rules as `listContacts`), by name. */
export async function listSharedRooms(userId: string, otherId: string, db?: Database): Promise<SharedRoom[]> {
  if (!isUserId(userId) || !isUserId(otherId) || userId === otherId) return [];
  const database = db ?? (await getDb());
  const result = rowsOf<SharedRoom>(await database.execute(sql`
    select r.slug, r.name, r.kind from rooms r
    where (r.kind = 'hobby'
        and exists (select 1 from room_authors ra where ra.room_id = r.id and ra.author_id = ${userId})
        and exists (select 1 from room_authors ra where ra.room_id = r.id and ra.author_id = ${otherId}))
      or (r.kind = 'business'
        and exists (select 1 from room_memberships rm where rm.room_id = r.id and rm.user_id = ${userId})
        and exists (select 1 from room_memberships rm where rm.room_id = r.id and rm.user_id = ${otherId}))
    order by r.name asc
  `));
  return result.map((row) => ({ slug: row.slug, name: row.name, kind: row.kind }));
}
