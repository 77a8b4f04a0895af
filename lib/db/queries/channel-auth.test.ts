import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { createUser } from '../queries';
import { openTestDatabase, testDatabaseKinds } from '../test-databases';
import { getChannelAuthContext } from './channel-auth';
import { addTeamMember, createRoom, removeTeamMember, setTeamRole } from './memberships';

describe.each(testDatabaseKinds())('channel authorization context on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
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
});
