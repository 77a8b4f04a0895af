import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { roomMemberships, rooms, users, type MemberRole, type Room, type User } from '../schema';
import { isUserId } from './ids';

/** A room a webhook names, with the users it asked about (those that exist) and their role in it (business rooms). */
export type WebhookRoom = { room: Room; members: Map<string, { user: User; role: MemberRole | null }> };

/** What one webhook asks: each room's slug, with the users whose member info it needs there (joiners). */
export type WebhookRoomRequest = { slug: string; userIds: readonly string[] };

/**
 * Everything a webhook's lobby and onlooker-mirror work reads from the database, in ONE query however many rooms
 * and joiners the batch holds (up to 100 events): the rooms by slug, and each asked-for user joined to that room
 * with their membership role. Unknown slugs and users are simply absent; the caller checks the room's kind.
 */
export async function getWebhookRooms(requests: readonly WebhookRoomRequest[], db?: Database): Promise<Map<string, WebhookRoom>> {
  const slugs = [...new Set(requests.map((request) => request.slug))];
  if (slugs.length === 0) return new Map();
  const userMatches: SQL[] = requests.flatMap(({ slug, userIds }) => {
    const ids = [...new Set(userIds)].filter(isUserId);
    return ids.length === 0 ? [] : [and(eq(rooms.slug, slug), inArray(users.id, ids)) as SQL];
  });
  const database = db ?? (await getDb());
  const rows = await database
    .select({ room: rooms, user: users, role: roomMemberships.role })
    .from(rooms)
    .leftJoin(users, userMatches.length === 0 ? sql`false` : or(...userMatches))
    .leftJoin(roomMemberships, and(eq(roomMemberships.roomId, rooms.id), eq(roomMemberships.userId, users.id)))
    .where(inArray(rooms.slug, slugs));
  const bySlug = new Map<string, WebhookRoom>();
  for (const { room, user, role } of rows) {
    const entry = bySlug.get(room.slug) ?? { room, members: new Map() };
    if (user) entry.members.set(user.id, { user, role: room.kind === 'business' ? role : null });
    bySlug.set(room.slug, entry);
  }
  return bySlug;
}
