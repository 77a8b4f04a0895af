import { hashPassword } from '@/lib/auth/password';
import type { Database } from './client';
import { addRoomMember } from './queries/memberships';
import { createUser, getUserByUsername } from './queries/users';
import { getRoomBySlug } from './queries/rooms';
import { rooms } from './schema';
import { DEMO_PASSWORD, DEMO_ROOMS, DEMO_USERS } from './seed-data';

export { DEMO_PASSWORD, DEMO_ROOMS, DEMO_USERS };

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
