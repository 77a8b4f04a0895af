import { and, count, desc, eq } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { isUserId } from './ids';
import { roomMemberships, rooms, teamInvitations, users } from '../schema';
import { teamMemberOf, type TeamMember } from './memberships';

/** Pending invitations a business room holds at most (each admin write is rate-limited too). */
export const MAX_PENDING_INVITATIONS_PER_ROOM = 100;

export class TooManyInvitationsError extends Error {
  constructor() {
    super(`a business room holds at most ${MAX_PENDING_INVITATIONS_PER_ROOM} pending invitations`);
    this.name = 'TooManyInvitationsError';
  }
}

/** An invitation as its admin sees it: only the username they typed, whether or not anyone has it. */
export type RoomInvitation = { username: string; createdAt: Date };

/** An invitation as the invitee sees it. */
export type PendingInvitation = { slug: string; roomName: string; invitedByName: string; createdAt: Date };

export type InviteInput = { roomId: string; username: string; invitedBy: string };

/**
 * Records an invitation to `username`, whoever has that name (nobody, possibly). Nothing is recorded for someone
 * already on the team or already invited. Returns the invitee's id when a new invitation reached an account, so
 * they can be told; null otherwise. Throws TooManyInvitationsError when the room has its fill of pending ones.
 */
export async function inviteToTeam({ roomId, username, invitedBy }: InviteInput, db?: Database): Promise<string | null> {
  const database = db ?? (await getDb());
  return database.transaction(async (tx) => {
    const [pending] = await tx.select({ value: count() }).from(teamInvitations).where(eq(teamInvitations.roomId, roomId));
    if ((pending?.value ?? 0) >= MAX_PENDING_INVITATIONS_PER_ROOM) throw new TooManyInvitationsError();
    const [invitee] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
    if (invitee) {
      const [member] = await tx
        .select({ userId: roomMemberships.userId })
        .from(roomMemberships)
        .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, invitee.id)))
        .limit(1);
      if (member) return null;
    }
    const inserted = await tx
      .insert(teamInvitations)
      .values({ roomId, inviteeUsername: username, inviteeId: invitee?.id ?? null, invitedBy })
      .onConflictDoNothing()
      .returning({ inviteeId: teamInvitations.inviteeId });
    return inserted[0]?.inviteeId ?? null;
  });
}

/** The room's pending invitations, newest first, for its admins. */
export async function listRoomInvitations(roomId: string, db?: Database): Promise<RoomInvitation[]> {
  const database = db ?? (await getDb());
  return database
    .select({ username: teamInvitations.inviteeUsername, createdAt: teamInvitations.createdAt })
    .from(teamInvitations)
    .where(eq(teamInvitations.roomId, roomId))
    .orderBy(desc(teamInvitations.createdAt), teamInvitations.inviteeUsername);
}

/** The invitations waiting for this user's answer, newest first. */
export async function listInvitationsForUser(userId: string, db?: Database): Promise<PendingInvitation[]> {
  if (!isUserId(userId)) return [];
  const database = db ?? (await getDb());
  return database
    .select({ slug: rooms.slug, roomName: rooms.name, invitedByName: users.displayName, createdAt: teamInvitations.createdAt })
    .from(teamInvitations)
    .innerJoin(rooms, eq(rooms.id, teamInvitations.roomId))
    .innerJoin(users, eq(users.id, teamInvitations.invitedBy))
    .where(eq(teamInvitations.inviteeId, userId))
    .orderBy(desc(teamInvitations.createdAt), rooms.slug);
}

/**
 * The invitee says yes: the invitation becomes a membership (role `member`), in one transaction. Null when there
 * was no invitation for this user to this room.
 */
export async function acceptInvitation(roomId: string, userId: string, db?: Database): Promise<TeamMember | null> {
  if (!isUserId(userId)) return null;
  const database = db ?? (await getDb());
  return database.transaction(async (tx) => {
    const taken = await tx
      .delete(teamInvitations)
      .where(and(eq(teamInvitations.roomId, roomId), eq(teamInvitations.inviteeId, userId)))
      .returning({ roomId: teamInvitations.roomId });
    if (taken.length === 0) return null;
    await tx.insert(roomMemberships).values({ roomId, userId, role: 'member' }).onConflictDoNothing();
    return teamMemberOf(tx, roomId, userId);
  });
}

/** The invitee says no; false when there was no invitation. */
export async function declineInvitation(roomId: string, userId: string, db?: Database): Promise<boolean> {
  if (!isUserId(userId)) return false;
  const database = db ?? (await getDb());
  const gone = await database
    .delete(teamInvitations)
    .where(and(eq(teamInvitations.roomId, roomId), eq(teamInvitations.inviteeId, userId)))
    .returning({ roomId: teamInvitations.roomId });
  return gone.length > 0;
}

/**
 * An admin takes an invitation back. `found` false when there was none for that username; `inviteeId` is the
 * account it had reached (to update their list), null when none.
 */
export async function revokeInvitation(roomId: string, username: string, db?: Database): Promise<{ found: boolean; inviteeId: string | null }> {
  const database = db ?? (await getDb());
  const [gone] = await database
    .delete(teamInvitations)
    .where(and(eq(teamInvitations.roomId, roomId), eq(teamInvitations.inviteeUsername, username)))
    .returning({ inviteeId: teamInvitations.inviteeId });
  return { found: gone !== undefined, inviteeId: gone?.inviteeId ?? null };
}
