import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { isUserId } from './ids';
import { preparedPerDatabase } from '../prepared';
import { readCacheOf } from '../read-cache';
import { roomMemberships, rooms, users, type MemberRole, type RoomKind, type User } from '../schema';

/**
 * What a Pusher authorization needs to know, current on every request (roles change at any time): read from
 * the database each time, except on the embedded one, where it is kept until the next write (lib/db/read-cache.ts).
 */
export type ChannelAuthContext = {
  user: Pick<User, 'id' | 'displayName' | 'color' | 'status' | 'statusUpdatedAt' | 'appearOffline'>;
  /** The room named by the channel, or null when there is none. */
  room: { id: string; kind: RoomKind } | null;
  /** The user's role there (business rooms), or null when they are not a member. */
  role: MemberRole | null;
};

/** The user columns an authorization signs (`user_info`) or decides on. */
export const authIdentityColumns = {
  id: users.id,
  displayName: users.displayName,
  color: users.color,
  status: users.status,
  statusUpdatedAt: users.statusUpdatedAt,
  appearOffline: users.appearOffline,
};

const channelAuthQuery = preparedPerDatabase((db: Database) =>
  db
    .select({
      ...authIdentityColumns,
      roomId: rooms.id,
      roomKind: rooms.kind,
      role: roomMemberships.role,
    })
    .from(users)
    .leftJoin(rooms, eq(rooms.slug, sql.placeholder('slug')))
    .leftJoin(roomMemberships, and(eq(roomMemberships.roomId, rooms.id), eq(roomMemberships.userId, users.id)))
    .where(eq(users.id, sql.placeholder('userId')))
    .limit(1)
    .prepare('channel_auth_context'),
);

async function readChannelAuthContext(database: Database, userId: string, slug: string): Promise<ChannelAuthContext | null> {
  const [row] = await channelAuthQuery(database).execute({ userId, slug });
  if (!row) return null;
  const { roomId, roomKind, role, ...user } = row;
  return { user, room: roomId && roomKind ? { id: roomId, kind: roomKind } : null, role: roomKind === 'business' ? role : null };
}

/**
 * The user, the room by slug and the user's role in it, in one indexed query (users by primary key, rooms by
 * their unique slug, memberships by their (room, user) primary key) instead of three round trips. Null when
 * the user does not exist. The answer is shared between callers: do not change it.
 */
export async function getChannelAuthContext(userId: string, slug: string | null, db?: Database): Promise<ChannelAuthContext | null> {
  if (!isUserId(userId)) return null;
  const database = db ?? (await getDb());
  // An empty slug matches no room (slugs are never empty).
  const roomSlug = slug ?? '';
  return readCacheOf(database).read(`channel-auth:${userId}:${roomSlug}`, () => readChannelAuthContext(database, userId, roomSlug));
}

/** What user authentication signs (`user_info` without a room), by the same read; null when the user does not exist. */
export async function getAuthIdentity(userId: string, db?: Database): Promise<ChannelAuthContext['user'] | null> {
  return (await getChannelAuthContext(userId, null, db))?.user ?? null;
}
