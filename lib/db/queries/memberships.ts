import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Database } from '../client';
import { roomMemberships, rooms, users, type MemberRole, type Room, type RoomKind } from '../schema';
import { isUserId } from './ids';

export class RoomSlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`room slug "${slug}" is taken`);
    this.name = 'RoomSlugTakenError';
  }
}

export type NewRoomInput = { slug: string; name: string; kind: RoomKind; description: string; creatorId: string };

/** Creates a room; the creator of a business room becomes its admin. Throws RoomSlugTakenError on a duplicate. */
export async function createRoom(input: NewRoomInput, db?: Database): Promise<Room> {
  const database = db ?? (await getDb());
  return database.transaction(async (tx) => {
    const { creatorId, ...values } = input;
    const [room] = await tx.insert(rooms).values(values).onConflictDoNothing({ target: rooms.slug }).returning();
    if (!room) throw new RoomSlugTakenError(input.slug);
    if (room.kind === 'business') await tx.insert(roomMemberships).values({ roomId: room.id, userId: creatorId, role: 'admin' });
    return room;
  });
}

/** A business room member as the team list shows them. */
export type TeamMember = { id: string; username: string; name: string; color: string; role: MemberRole; lastSeenAt: Date | null };

const teamMemberColumns = {
  id: users.id,
  username: users.username,
  name: users.displayName,
  color: users.color,
  role: roomMemberships.role,
  lastSeenAt: users.lastSeenAt,
};

/** Every member of a business room, admins first, then by name. */
export async function listTeamMembers(roomId: string, db?: Database): Promise<TeamMember[]> {
  const database = db ?? (await getDb());
  return database
    .select(teamMemberColumns)
    .from(roomMemberships)
    .innerJoin(users, eq(users.id, roomMemberships.userId))
    .where(eq(roomMemberships.roomId, roomId))
    .orderBy(asc(roomMemberships.role), asc(users.displayName));
}

const mine = alias(roomMemberships, 'mine');

/** Which of these users are on a business team with this user (the user counts as their own teammate). */
export async function getTeammateIds(userId: string, candidateIds: readonly string[], db?: Database): Promise<Set<string>> {
  const valid = [...new Set(candidateIds)].filter(isUserId);
  if (valid.length === 0 || !isUserId(userId)) return new Set();
  const database = db ?? (await getDb());
  const rows = await database
    .selectDistinct({ id: roomMemberships.userId })
    .from(roomMemberships)
    .innerJoin(mine, and(eq(mine.roomId, roomMemberships.roomId), eq(mine.userId, userId)))
    .where(inArray(roomMemberships.userId, valid));
  return new Set(rows.map((row) => row.id));
}

/** Adds a member (role `member`); null when they already belong. */
export async function addTeamMember(roomId: string, userId: string, db?: Database): Promise<TeamMember | null> {
  const database = db ?? (await getDb());
  const inserted = await database
    .insert(roomMemberships)
    .values({ roomId, userId, role: 'member' })
    .onConflictDoNothing()
    .returning({ userId: roomMemberships.userId });
  if (inserted.length === 0) return null;
  const [member] = await database
    .select(teamMemberColumns)
    .from(roomMemberships)
    .innerJoin(users, eq(users.id, roomMemberships.userId))
    .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, userId)));
  return member ?? null;
}

async function adminCount(database: Database, roomId: string): Promise<number> {
  const [row] = await database
    .select({ count: sql<number>`count(*)::int` })
    .from(roomMemberships)
    .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.role, 'admin')));
  return row?.count ?? 0;
}

export class LastAdminError extends Error {
  constructor() {
    super('a business room keeps at least one admin');
    this.name = 'LastAdminError';
  }
}

/**
 * Changes a member's role; false when they are not a member. Refuses (LastAdminError) to demote the last admin.
 * Not atomic against a concurrent demotion of the other admin; an admin can always promote someone again.
 */
export async function setTeamRole(roomId: string, userId: string, role: MemberRole, db?: Database): Promise<boolean> {
  if (!isUserId(userId)) return false;
  const database = db ?? (await getDb());
  if (role === 'member') {
    const [current] = await database
      .select({ role: roomMemberships.role })
      .from(roomMemberships)
      .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, userId)));
    if (current?.role === 'admin' && (await adminCount(database, roomId)) <= 1) throw new LastAdminError();
  }
  const updated = await database
    .update(roomMemberships)
    .set({ role })
    .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, userId)))
    .returning({ userId: roomMemberships.userId });
  return updated.length > 0;
}

/** Removes a member; false when they were not one. Refuses (LastAdminError) to remove the last admin. */
export async function removeTeamMember(roomId: string, userId: string, db?: Database): Promise<boolean> {
  if (!isUserId(userId)) return false;
  const database = db ?? (await getDb());
  const [current] = await database
    .select({ role: roomMemberships.role })
    .from(roomMemberships)
    .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, userId)));
  if (!current) return false;
  if (current.role === 'admin' && (await adminCount(database, roomId)) <= 1) throw new LastAdminError();
  await database.delete(roomMemberships).where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, userId)));
  return true;
}

/** The user's role in a business room, or null when they are not a member. */
export async function getBusinessRole(roomId: string, userId: string, db?: Database): Promise<MemberRole | null> {
  if (!isUserId(roomId) || !isUserId(userId)) return null;
  const [row] = await (db ?? (await getDb()))
    .select({ role: roomMemberships.role })
    .from(roomMemberships)
    .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

export async function addRoomMember(roomId: string, userId: string, role: MemberRole, db?: Database): Promise<void> {
  await (db ?? (await getDb()))
    .insert(roomMemberships)
    .values({ roomId, userId, role })
    .onConflictDoUpdate({ target: [roomMemberships.roomId, roomMemberships.userId], set: { role } });
}
