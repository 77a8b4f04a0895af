import { hashPassword } from '@/lib/auth/password';
import type { Database } from './client';
import { addRoomMember, createUser, getRoomBySlug, getUserByUsername } from './queries';
import { rooms, type MemberRole, type RoomKind } from './schema';

/** Everyone in the demo signs in with this password; the README lists the accounts. */
export const DEMO_PASSWORD = 'presently-demo';

type DemoRoom = { slug: string; name: string; kind: RoomKind; description: string };
type DemoUser = { username: string; displayName: string; rooms: Record<string, MemberRole> };

export const DEMO_ROOMS: readonly DemoRoom[] = [
  { slug: 'gaming', name: 'Gaming', kind: 'hobby', description: 'Raids, speedruns and whatever is on sale this week.' },
  { slug: 'music', name: 'Music', kind: 'hobby', description: 'What are you listening to right now?' },
  { slug: 'books', name: 'Books', kind: 'hobby', description: 'A quiet corner for readers and their current page.' },
  { slug: 'acme-hq', name: 'Acme HQ', kind: 'business', description: 'The Acme team room: stand-ups, focus time and who is out.' },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alice', displayName: 'Alice Anders', rooms: { 'acme-hq': 'admin' } },
  { username: 'bob', displayName: 'Bob Brown', rooms: { 'acme-hq': 'member' } },
  { username: 'carol', displayName: 'Carol Chen', rooms: {} },
];

/**
 * Adds the demo rooms and users that are missing; never touches existing ones. Safe to run on every start.
 * Returns whether anything was added.
 */
export async function seedDemoData(db: Database): Promise<boolean> {
  const insertedRooms = await db
    .insert(rooms)
    .values([...DEMO_ROOMS])
    .onConflictDoNothing({ target: rooms.slug })
    .returning({ id: rooms.id, slug: rooms.slug });
  const roomIdBySlug = new Map(insertedRooms.map((room) => [room.slug, room.id]));

  let addedUsers = 0;
  let passwordHash: string | undefined;
  for (const demo of DEMO_USERS) {
    if (await getUserByUsername(demo.username, db)) continue;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    const user = await createUser({ username: demo.username, displayName: demo.displayName, passwordHash }, db);
    addedUsers += 1;
    for (const [slug, role] of Object.entries(demo.rooms)) {
      const roomId = roomIdBySlug.get(slug) ?? (await getRoomBySlug(slug, db))?.id;
      if (roomId) await addRoomMember(roomId, user.id, role, db);
    }
  }
  return insertedRooms.length > 0 || addedUsers > 0;
}
