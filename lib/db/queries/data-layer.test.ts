import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { verifyPassword } from '@/lib/auth/password';
import { AVATAR_COLORS } from '@/lib/users/avatar-color';
import type { DatabaseHandle } from '../client';
import { createUser, getUserById, getUserByUsername, UsernameTakenError } from './users';
import { findOrCreateGithubUser } from './github-users';
import { getBusinessRole } from './memberships';
import { getRoomBySlug, listRoomsForUser } from './rooms';
import { getStatusesForUsers, updateUserStatus } from './statuses';
import { rooms, users } from '../schema';
import { DEMO_PASSWORD, seedDemoData } from '../seed';
import { openTestDatabase, testDatabaseKinds } from '../test-databases';

describe.each(testDatabaseKinds())('data layer on %s', (kind) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    expect(await seedDemoData(handle.db)).toBe(true);
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function demoUser(username: string) {
    const user = await getUserByUsername(username, handle.db);
    if (!user) throw new Error(`demo user ${username} missing`);
    return user;
  }

  it('seeds demo rooms and users once, however often it runs', async () => {
    expect(await seedDemoData(handle.db)).toBe(false);
    const [roomCount] = await handle.db.select({ n: count() }).from(rooms);
    const [userCount] = await handle.db.select({ n: count() }).from(users);
    expect(roomCount?.n).toBe(4);
    expect(userCount?.n).toBeGreaterThanOrEqual(3);
    const alice = await demoUser('alice');
    expect(alice.displayName).toBe('Alice Anders');
    expect(await verifyPassword(alice.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(alice.passwordHash, 'not-the-password')).toBe(false);
  });

  it('creates users with a derived colour and refuses a taken username', async () => {
    const user = await createUser({ username: `dana-${kind}`, displayName: 'Dana', passwordHash: 'x' }, handle.db);
    expect(AVATAR_COLORS).toContain(user.color);
    expect(user.status).toBe('');
    expect(user.statusUpdatedAt).toBeNull();
    expect((await getUserById(user.id, handle.db))?.username).toBe(`dana-${kind}`);
    await expect(
      createUser({ username: `dana-${kind}`, displayName: 'Other Dana', passwordHash: 'y' }, handle.db),
    ).rejects.toBeInstanceOf(UsernameTakenError);
  });

  it('treats malformed ids as unknown instead of failing', async () => {
    expect(await getUserById('not-a-uuid', handle.db)).toBeNull();
    expect(await getUserById('00000000-0000-4000-8000-000000000000', handle.db)).toBeNull();
    expect(await updateUserStatus("1' OR '1'='1", 'hi', handle.db)).toBeNull();
  });

  it('saves, timestamps and clears a status', async () => {
    const bob = await demoUser('bob');
    const before = Date.now();
    const saved = await updateUserStatus(bob.id, 'In a meeting', handle.db);
    expect(saved?.status).toBe('In a meeting');
    expect(saved?.statusUpdatedAt?.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect((await getUserById(bob.id, handle.db))?.status).toBe('In a meeting');

    const cleared = await updateUserStatus(bob.id, '', handle.db);
    expect(cleared?.status).toBe('');
    expect(cleared?.statusUpdatedAt).not.toBeNull();
  });

  it('returns statuses only for known, well-formed ids', async () => {
    const alice = await demoUser('alice');
    const carol = await demoUser('carol');
    await updateUserStatus(carol.id, 'Reading', handle.db);
    const statuses = await getStatusesForUsers(
      [alice.id, carol.id, carol.id, 'garbage', '00000000-0000-4000-8000-000000000000'],
      handle.db,
    );
    expect([...statuses.keys()].sort()).toEqual([alice.id, carol.id].sort());
    expect(statuses.get(carol.id)?.status).toBe('Reading');
    expect((await getStatusesForUsers([], handle.db)).size).toBe(0);
  });

  it('knows business roles: admin, member, or none', async () => {
    const room = await getRoomBySlug('acme-hq', handle.db);
    expect(room?.kind).toBe('business');
    if (!room) return;
    expect(await getBusinessRole(room.id, (await demoUser('alice')).id, handle.db)).toBe('admin');
    expect(await getBusinessRole(room.id, (await demoUser('bob')).id, handle.db)).toBe('member');
    expect(await getBusinessRole(room.id, (await demoUser('carol')).id, handle.db)).toBeNull();
    expect(await getRoomBySlug('no-such-room', handle.db)).toBeNull();
  });

  it('lists hobby rooms as open and business rooms as open to members only', async () => {
    const forCarol = await listRoomsForUser((await demoUser('carol')).id, handle.db);
    expect(forCarol.map((room) => room.slug)).toEqual(['books', 'gaming', 'music', 'acme-hq']);
    expect(forCarol.filter((room) => room.kind === 'hobby').every((room) => room.canJoin && room.role === null)).toBe(true);
    expect(forCarol.find((room) => room.slug === 'acme-hq')).toMatchObject({ canJoin: false, role: null });

    const forAlice = await listRoomsForUser((await demoUser('alice')).id, handle.db);
    expect(forAlice.find((room) => room.slug === 'acme-hq')).toMatchObject({ canJoin: true, role: 'admin' });
  });

  it('links a GitHub account to one user and picks a free username', async () => {
    const first = await findOrCreateGithubUser({ githubId: `1-${kind}`, login: 'Alice', name: 'Alice from GitHub' }, handle.db);
    expect(first.username).toBe('alice-2');
    expect(first.passwordHash).toBeNull();
    expect(first.displayName).toBe('Alice from GitHub');
    const again = await findOrCreateGithubUser({ githubId: `1-${kind}`, login: 'renamed', name: null }, handle.db);
    expect(again.id).toBe(first.id);
  });
});
