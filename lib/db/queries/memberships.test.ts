import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { createUser } from './users';
import { getBusinessRole } from './memberships';
import { openTestDatabase, testDatabaseKinds } from '../test-databases';
import { addTeamMember, createRoom, getTeammateIds, LastAdminError, listTeamMembers, removeTeamMember, RoomSlugTakenError, setTeamRole } from './memberships';
import { recordLastSeen } from './presence';

describe.each(testDatabaseKinds())('business room membership on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('makes the creator of a business room its admin, keeps one admin at least, and records last seen', async () => {
    const db = handle.db;
    const owner = await createUser({ username: 'owner', displayName: 'Owner', passwordHash: null }, db);
    const mate = await createUser({ username: 'mate', displayName: 'Mate', passwordHash: null }, db);
    const room = await createRoom({ slug: 'team', name: 'Team', kind: 'business', description: '', creatorId: owner.id }, db);
    await expect(createRoom({ slug: 'team', name: 'Team', kind: 'hobby', description: '', creatorId: mate.id }, db)).rejects.toBeInstanceOf(
      RoomSlugTakenError,
    );
    expect(await getBusinessRole(room.id, owner.id, db)).toBe('admin');

    expect(await addTeamMember(room.id, mate.id, db)).toMatchObject({ id: mate.id, role: 'member', lastSeenAt: null });
    expect(await addTeamMember(room.id, mate.id, db)).toBeNull();
    await expect(setTeamRole(room.id, owner.id, 'member', db)).rejects.toBeInstanceOf(LastAdminError);
    await expect(removeTeamMember(room.id, owner.id, db)).rejects.toBeInstanceOf(LastAdminError);
    expect(await setTeamRole(room.id, mate.id, 'admin', db)).toBe(true);
    expect(await setTeamRole(room.id, owner.id, 'member', db)).toBe(true);
    expect(await removeTeamMember(room.id, owner.id, db)).toBe(true);
    expect(await removeTeamMember(room.id, owner.id, db)).toBe(false);

    const later = new Date('2030-01-01T00:00:00.000Z');
    await recordLastSeen([mate.id], later, db);
    await recordLastSeen([mate.id], new Date('2029-01-01T00:00:00.000Z'), db);
    expect(await listTeamMembers(room.id, db)).toEqual([
      { id: mate.id, username: 'mate', name: 'Mate', color: mate.color, role: 'admin', lastSeenAt: later },
    ]);
  });

  it('finds teammates only among the members of business rooms the user belongs to', async () => {
    const db = handle.db;
    const [me, mate, stranger, otherTeam] = await Promise.all(
      ['tm-me', 'tm-mate', 'tm-stranger', 'tm-other'].map((username) => createUser({ username, displayName: username, passwordHash: null }, db)),
    );
    const room = await createRoom({ slug: 'tm-team', name: 'Team', kind: 'business', description: '', creatorId: me!.id }, db);
    await addTeamMember(room.id, mate!.id, db);
    await createRoom({ slug: 'tm-elsewhere', name: 'Elsewhere', kind: 'business', description: '', creatorId: otherTeam!.id }, db);
    const ids = [me!.id, mate!.id, stranger!.id, otherTeam!.id, 'not-a-uuid'];
    expect(await getTeammateIds(me!.id, ids, db)).toEqual(new Set([me!.id, mate!.id]));
    expect(await getTeammateIds(stranger!.id, ids, db)).toEqual(new Set());
  });
});
