import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { avatarColorFor } from '@/lib/users/avatar-color';
import { getDb, type Database } from './client';
import { githubAccounts, roomMemberships, rooms, users, type MemberRole, type Room, type User } from './schema';
import { DISPLAY_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from './limits';

/**
 * Every query takes an optional database so tests can run against their own; the app passes none and gets the
 * process's configured database.
 */
async function resolveDb(db?: Database): Promise<Database> {
  return db ?? getDb();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot match and would make PostgreSQL raise instead. */
export function isUserId(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export type UserStatus = { status: string; statusUpdatedAt: Date | null };

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`username "${username}" is taken`);
    this.name = 'UsernameTakenError';
  }
}

export async function getUserById(id: string, db?: Database): Promise<User | null> {
  if (!isUserId(id)) return null;
  const [user] = await (await resolveDb(db)).select().from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function getUserByUsername(username: string, db?: Database): Promise<User | null> {
  const [user] = await (await resolveDb(db)).select().from(users).where(eq(users.username, username)).limit(1);
  return user ?? null;
}

export type CreateUserInput = { username: string; displayName: string; passwordHash: string | null };

/** Creates a user with a colour derived from the username. Throws `UsernameTakenError` on a duplicate. */
export async function createUser(input: CreateUserInput, db?: Database): Promise<User> {
  const [user] = await (await resolveDb(db))
    .insert(users)
    .values({ ...input, color: avatarColorFor(input.username) })
    .onConflictDoNothing({ target: users.username })
    .returning();
  if (!user) throw new UsernameTakenError(input.username);
  return user;
}

/** Saves a status ('' clears it) and returns what was stored, or null if the user no longer exists. */
export async function updateUserStatus(userId: string, status: string, db?: Database): Promise<UserStatus | null> {
  if (!isUserId(userId)) return null;
  const [saved] = await (await resolveDb(db))
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
  const rows = await (await resolveDb(db))
    .select({ id: users.id, status: users.status, statusUpdatedAt: users.statusUpdatedAt })
    .from(users)
    .where(inArray(users.id, valid));
  return new Map(rows.map(({ id, ...status }) => [id, status]));
}

export async function getRoomBySlug(slug: string, db?: Database): Promise<Room | null> {
  const [room] = await (await resolveDb(db)).select().from(rooms).where(eq(rooms.slug, slug)).limit(1);
  return room ?? null;
}

/** The user's role in a business room, or null when they are not a member. */
export async function getBusinessRole(roomId: string, userId: string, db?: Database): Promise<MemberRole | null> {
  if (!isUserId(roomId) || !isUserId(userId)) return null;
  const [row] = await (await resolveDb(db))
    .select({ role: roomMemberships.role })
    .from(roomMemberships)
    .where(and(eq(roomMemberships.roomId, roomId), eq(roomMemberships.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

export async function addRoomMember(roomId: string, userId: string, role: MemberRole, db?: Database): Promise<void> {
  await (await resolveDb(db))
    .insert(roomMemberships)
    .values({ roomId, userId, role })
    .onConflictDoUpdate({ target: [roomMemberships.roomId, roomMemberships.userId], set: { role } });
}

export type RoomForUser = Room & {
  /** The user's role in a business room; always null for hobby rooms. */
  role: MemberRole | null;
  /** Hobby rooms are open to everyone; business rooms only to their members. */
  canJoin: boolean;
};

/** Every room, hobby then business, by name, with whether this user may enter it. */
export async function listRoomsForUser(userId: string, db?: Database): Promise<RoomForUser[]> {
  const database = await resolveDb(db);
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

export type GithubProfile = { githubId: string; login: string; name: string | null };

/** Usernames from GitHub logins: lower-cased, foreign characters dropped, made unique with a numeric suffix. */
const GITHUB_USERNAME_ATTEMPTS = 50;
/** Room for a `-NN` suffix within the username limit. */
const SUFFIX_ROOM = 4;

function usernameCandidates(login: string): string[] {
  const base = login.toLowerCase().replace(/[^a-z0-9_-]/g, '').slice(0, USERNAME_MAX_LENGTH - SUFFIX_ROOM) || 'github-user';
  const padded = base.length >= USERNAME_MIN_LENGTH ? base : `${base}-gh`;
  const suffixes = ['', ...Array.from({ length: GITHUB_USERNAME_ATTEMPTS }, (_, index) => `-${index + 2}`)];
  return suffixes.map((suffix) => `${padded}${suffix}`);
}

/** The user linked to this GitHub account, created (with a free username) on first sign-in. */
export async function findOrCreateGithubUser(profile: GithubProfile, db?: Database): Promise<User> {
  const database = await resolveDb(db);
  const [linked] = await database
    .select({ user: users })
    .from(githubAccounts)
    .innerJoin(users, eq(users.id, githubAccounts.userId))
    .where(eq(githubAccounts.githubId, profile.githubId))
    .limit(1);
  if (linked) return linked.user;

  const displayName = (profile.name?.trim() || profile.login).slice(0, DISPLAY_NAME_MAX_LENGTH);
  for (const username of usernameCandidates(profile.login)) {
    try {
      const user = await createUser({ username, displayName, passwordHash: null }, database);
      await database.insert(githubAccounts).values({ githubId: profile.githubId, userId: user.id });
      return user;
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
    }
  }
  throw new UsernameTakenError(profile.login);
}
