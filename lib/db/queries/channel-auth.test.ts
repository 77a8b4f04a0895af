import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../client';
import { createUser } from './users';
import { updateUserStatus } from './statuses';
import { rooms, users } from '../schema';
import { openTestDatabase, testDatabaseKinds } from '../test-databases';
import { getAuthIdentity, getChannelAuthContext } from './channel-auth';
import { addTeamMember, createRoom, removeTeamMember, setTeamRole } from './memberships';
import { recordLastSeen, setAppearOffline } from './presence';

/** Creating and migrating a database takes ~5 s alone, and far longer on a machine shared by several builds. */
const OPEN_TIMEOUT_MS = 120_000;

describe.each(testDatabaseKinds())('channel authorization context on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await handle?.close();
  });

  it('reads the user, the room and the role in one go, and sees every role change at once', async () => {
    const db = handle.db;
    const owner = await createUser({ username: 'ctx-owner', displayName: 'Owner', passwordHash: null }, db);
    const mate = await createUser({ username: 'ctx-mate', displayName: 'Mate', passwordHash: null }, db);
    const team = await createRoom({ slug: 'ctx-team', name: 'Team', kind: 'business', description: '', creatorId: owner.id }, db);
    const club = await createRoom({ slug: 'ctx-club', name: 'Club', kind: 'hobby', description: '', creatorId: owner.id }, db);

    expect(await getChannelAuthContext(owner.id, 'ctx-team', db)).toEqual({
      user: { id: owner.id, displayName: 'Owner', color: owner.color, status: '', statusUpdatedAt: null, appearOffline: false },
      room: { id: team.id, kind: 'business' },
      role: 'admin',
    });
    expect(await getChannelAuthContext(mate.id, 'ctx-team', db)).toMatchObject({ room: { id: team.id }, role: null });
    await addTeamMember(team.id, mate.id, db);
    expect(await getChannelAuthContext(mate.id, 'ctx-team', db)).toMatchObject({ role: 'member' });
    await setTeamRole(team.id, mate.id, 'admin', db);
    expect(await getChannelAuthContext(mate.id, 'ctx-team', db)).toMatchObject({ role: 'admin' });
    await setTeamRole(team.id, owner.id, 'member', db);
    await removeTeamMember(team.id, owner.id, db);
    expect(await getChannelAuthContext(owner.id, 'ctx-team', db)).toMatchObject({ role: null });

    expect(await getChannelAuthContext(mate.id, 'ctx-club', db)).toMatchObject({ room: { id: club.id, kind: 'hobby' }, role: null });
    expect(await getChannelAuthContext(mate.id, 'no-such-room', db)).toMatchObject({ user: { id: mate.id }, room: null, role: null });
    expect(await getChannelAuthContext(mate.id, null, db)).toMatchObject({ user: { id: mate.id }, room: null });
    expect(await getChannelAuthContext('00000000-0000-4000-8000-000000000000', 'ctx-team', db)).toBeNull();
    expect(await getChannelAuthContext('not-a-uuid', 'ctx-team', db)).toBeNull();
  });

  it('sees status, appear-offline, room and account changes at the very next read', async () => {
    const db = handle.db;
    const owner = await createUser({ username: 'ctx-owner2', displayName: 'Owner Two', passwordHash: null }, db);
    const team = await createRoom({ slug: 'ctx-team2', name: 'Team', kind: 'business', description: '', creatorId: owner.id }, db);
    expect(await getAuthIdentity(owner.id, db)).toMatchObject({ displayName: 'Owner Two', status: '' });
    expect(await getChannelAuthContext(owner.id, 'ctx-team2', db)).toMatchObject({ role: 'admin' });

    await updateUserStatus(owner.id, 'Busy', db);
    expect(await getAuthIdentity(owner.id, db)).toMatchObject({ status: 'Busy' });
    expect(await getChannelAuthContext(owner.id, 'ctx-team2', db)).toMatchObject({ user: { status: 'Busy' } });
    await setAppearOffline(owner.id, true, db);
    expect(await getChannelAuthContext(owner.id, 'ctx-team2', db)).toMatchObject({ user: { appearOffline: true } });
    // Raw SQL too: nothing depends on the write going through our query functions.
    await db.update(users).set({ displayName: 'Renamed' }).where(eq(users.id, owner.id));
    expect(await getAuthIdentity(owner.id, db)).toMatchObject({ displayName: 'Renamed' });
    await db.update(rooms).set({ kind: 'hobby' }).where(eq(rooms.id, team.id));
    expect(await getChannelAuthContext(owner.id, 'ctx-team2', db)).toMatchObject({ room: { kind: 'hobby' }, role: null });
    await db.delete(rooms).where(eq(rooms.id, team.id));
    expect(await getChannelAuthContext(owner.id, 'ctx-team2', db)).toMatchObject({ room: null });
    await db.delete(users).where(eq(users.id, owner.id));
    expect(await getAuthIdentity(owner.id, db)).toBeNull();
    expect(await getChannelAuthContext(owner.id, 'ctx-team2', db)).toBeNull();
  });

  it('a read in flight while a role changes is not remembered past the change', async () => {
    const db = handle.db;
    const owner = await createUser({ username: 'ctx-owner3', displayName: 'Owner', passwordHash: null }, db);
    const mate = await createUser({ username: 'ctx-mate3', displayName: 'Mate', passwordHash: null }, db);
    const team = await createRoom({ slug: 'ctx-team3', name: 'Team', kind: 'business', description: '', creatorId: owner.id }, db);
    await addTeamMember(team.id, mate.id, db);
    const inFlight = getChannelAuthContext(mate.id, 'ctx-team3', db);
    await removeTeamMember(team.id, mate.id, db);
    await inFlight;
    expect(await getChannelAuthContext(mate.id, 'ctx-team3', db)).toMatchObject({ role: null });
  });

  if (kind === 'pglite') {
    it('the embedded database answers repeated reads from memory, and a last-seen write keeps them', async () => {
      const db = handle.db;
      const user = await createUser({ username: 'ctx-cached', displayName: 'Cached', passwordHash: null }, db);
      const first = await getChannelAuthContext(user.id, null, db);
      expect(await getChannelAuthContext(user.id, null, db)).toBe(first);
      await recordLastSeen([user.id], new Date(), db);
      expect(await getChannelAuthContext(user.id, null, db)).toBe(first);
      await updateUserStatus(user.id, 'Away', db);
      expect(await getChannelAuthContext(user.id, null, db)).not.toBe(first);
    });
  }
});
