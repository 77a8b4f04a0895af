import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { roomMemberships, rooms, type MemberRole, type Room } from '../schema';
import { isUserId } from './ids';

export async function getRoomBySlug(slug: string, db?: Database): Promise<Room | null> {
  const [room] = await (db ?? (await getDb())).select().from(rooms).where(eq(rooms.slug, slug)).limit(1);
  return room ?? null;
}

export type RoomForUser = Room & {
  /** The user's role in a business room; always null for hobby rooms. */
  role: MemberRole | null;
  /** Hobby rooms are open to everyone; business rooms only to their members. */
  canJoin: boolean;
};

/** Every room, hobby then business, by name, with whether this user may enter it. */
export async function listRoomsForUser(userId: string, db?: Database): Promise<RoomForUser[]> {
  const database = db ?? (await getDb());
  const rows = await database
    .select({ room: rooms, role: roomMemberships.role })
    .from(rooms)
    .leftJoin(
      roomMemberships,
      and(eq(roomMemberships.roomId, rooms.id), eq(roomMemberships.userId, isUserId(userId) ? userId : sql`NULL`)),
    )
    .orderBy(asc(rooms.kind), asc(rooms.name));
  return rows.map(({ room, role }) => {
    const effectiveRole = room.kind === 'business' ? role : null;
    return { ...room, role: effectiveRole, canJoin: room.kind === 'hobby' || effectiveRole !== null };
  });
}

