import { sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password';
import { openDatabase, type DatabaseTarget } from '@/lib/db/client';
import { roomMemberships, rooms, users } from '@/lib/db/schema';
import { seedDemoData } from '@/lib/db/seed';
import { avatarColorFor } from '@/lib/users/avatar-color';

export const BENCH_PASSWORD = 'presently-bench-password';
export const BUSINESS_ROOM = 'bench-team';
const INSERT_BATCH = 250;

export const benchUsername = (index: number) => `bench-${String(index).padStart(4, '0')}`;
export const benchRoom = (index: number) => `bench-room-${String(index).padStart(2, '0')}`;

/**
 * The bench's people and rooms, written straight into the database before the app starts (one password hash
 * for everyone: hashing 1,000 passwords would only measure argon2). Everyone is a member of the business room.
 */
export async function seedBench(target: DatabaseTarget, people: number, roomCount: number): Promise<void> {
  const handle = await openDatabase(target);
  try {
    const db = handle.db;
    await seedDemoData(db);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const roomRows = [
      ...Array.from({ length: roomCount }, (_, index) => ({ slug: benchRoom(index), name: `Bench ${index}`, kind: 'hobby' as const })),
      { slug: BUSINESS_ROOM, name: 'Bench team', kind: 'business' as const },
    ];
    await db.insert(rooms).values(roomRows).onConflictDoNothing({ target: rooms.slug });
    for (let start = 0; start < people; start += INSERT_BATCH) {
      const batch = Array.from({ length: Math.min(INSERT_BATCH, people - start) }, (_, offset) => {
        const username = benchUsername(start + offset);
        return { username, displayName: `Bench ${start + offset}`, passwordHash, color: avatarColorFor(username) };
      });
      await db.insert(users).values(batch).onConflictDoNothing({ target: users.username });
    }
    await db.execute(sql`
      insert into ${roomMemberships} (room_id, user_id, role)
      select r.id, u.id, 'member' from ${rooms} r cross join ${users} u
      where r.slug = ${BUSINESS_ROOM} and u.username like 'bench-%'
      on conflict do nothing`);
  } finally {
    await handle.close();
  }
}
