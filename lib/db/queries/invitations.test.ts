import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { getBusinessRole } from './memberships';
import { getRoomBySlug } from './rooms';
import { openTestDatabase, peopleIn, testDatabaseKinds } from '../test-databases';
import { listContactIds, listRoomWriterIds, stillWritesIn } from './contacts';
import {
  acceptInvitation,
  declineInvitation,
  inviteToTeam,
  listInvitationsForUser,
  listRoomInvitations,
  MAX_PENDING_INVITATIONS_PER_ROOM,
  revokeInvitation,
  TooManyInvitationsError,
} from './invitations';
import { createRoom, LastAdminError, leaveTeam, listTeamMemberIds, setTeamRole } from './memberships';
import { createMessage, deleteMessage } from './messages';

describe.each(testDatabaseKinds())('team invitations on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('keeps an invitee out of the team and out of the contacts until they accept; declined and revoked ones go', async () => {
    const db = handle.db;
    const person = peopleIn(db, kind);
    const [admin, ivy, dan] = await Promise.all(['inv-admin', 'inv-ivy', 'inv-dan'].map(person));
    if (!admin || !ivy || !dan) throw new Error('users not created');
    const room = await createRoom({ slug: `inv-team-${kind}`, name: 'Team', kind: 'business', description: '', creatorId: admin.id }, db);

    expect(await inviteToTeam({ roomId: room.id, username: ivy.username, invitedBy: admin.id }, db)).toBe(ivy.id);
    // A name nobody has is recorded like any other and reaches no one.
    expect(await inviteToTeam({ roomId: room.id, username: 'nobody-has-this', invitedBy: admin.id }, db)).toBeNull();
    // Already invited, or already on the team: nothing new.
    expect(await inviteToTeam({ roomId: room.id, username: ivy.username, invitedBy: admin.id }, db)).toBeNull();
    expect(await inviteToTeam({ roomId: room.id, username: admin.username, invitedBy: admin.id }, db)).toBeNull();
    expect((await listRoomInvitations(room.id, db)).map((invitation) => invitation.username).sort()).toEqual(['nobody-has-this', ivy.username].sort());

    expect(await getBusinessRole(room.id, ivy.id, db)).toBeNull();
    expect(await listContactIds(admin.id, 100, db)).toEqual([]);
    expect(await listInvitationsForUser(ivy.id, db)).toEqual([
      { slug: room.slug, roomName: 'Team', invitedByName: 'inv-admin', createdAt: expect.any(Date) },
    ]);
    // Only the invitee can answer.
    expect(await acceptInvitation(room.id, dan.id, db)).toBeNull();

    expect(await acceptInvitation(room.id, ivy.id, db)).toMatchObject({ id: ivy.id, role: 'member' });
    expect(await acceptInvitation(room.id, ivy.id, db)).toBeNull();
    expect(await getBusinessRole(room.id, ivy.id, db)).toBe('member');
    expect(await listContactIds(admin.id, 100, db)).toEqual([ivy.id]);
    expect(await listInvitationsForUser(ivy.id, db)).toEqual([]);

    expect(await inviteToTeam({ roomId: room.id, username: dan.username, invitedBy: admin.id }, db)).toBe(dan.id);
    expect(await declineInvitation(room.id, dan.id, db)).toBe(true);
    expect(await declineInvitation(room.id, dan.id, db)).toBe(false);
    expect(await getBusinessRole(room.id, dan.id, db)).toBeNull();
    expect(await revokeInvitation(room.id, 'nobody-has-this', db)).toEqual({ found: true, inviteeId: null });
    expect(await revokeInvitation(room.id, 'nobody-has-this', db)).toEqual({ found: false, inviteeId: null });
    expect(await listRoomInvitations(room.id, db)).toEqual([]);
  });

  it('caps the pending invitations of a room', async () => {
    const db = handle.db;
    const admin = await peopleIn(db, kind)('cap-admin');
    const room = await createRoom({ slug: `inv-cap-${kind}`, name: 'Cap', kind: 'business', description: '', creatorId: admin.id }, db);
    for (let index = 0; index < MAX_PENDING_INVITATIONS_PER_ROOM; index += 1) {
      await inviteToTeam({ roomId: room.id, username: `ghost-${index}`, invitedBy: admin.id }, db);
    }
    await expect(inviteToTeam({ roomId: room.id, username: 'one-more', invitedBy: admin.id }, db)).rejects.toBeInstanceOf(TooManyInvitationsError);
  });

  it('lets any member leave; the last admin only once someone else is admin; the last one out deletes the room', async () => {
    const db = handle.db;
    const person = peopleIn(db, kind);
    const [admin, mia, otto] = await Promise.all(['lv-admin', 'lv-mia', 'lv-otto'].map(person));
    if (!admin || !mia || !otto) throw new Error('users not created');
    const room = await createRoom({ slug: `lv-team-${kind}`, name: 'Team', kind: 'business', description: '', creatorId: admin.id }, db);
    for (const member of [mia, otto]) {
      await inviteToTeam({ roomId: room.id, username: member.username, invitedBy: admin.id }, db);
      await acceptInvitation(room.id, member.id, db);
    }
    expect(await leaveTeam(room.id, otto.id, db)).toBe('left');
    expect(await leaveTeam(room.id, otto.id, db)).toBe('not_member');
    expect(await listContactIds(otto.id, 100, db)).toEqual([]);
    await expect(leaveTeam(room.id, admin.id, db)).rejects.toBeInstanceOf(LastAdminError);
    await setTeamRole(room.id, mia.id, 'admin', db);
    expect(await leaveTeam(room.id, admin.id, db)).toBe('left');
    expect(await listTeamMemberIds(room.id, db)).toEqual([mia.id]);
    expect(await leaveTeam(room.id, mia.id, db)).toBe('room_deleted');
    expect(await getRoomBySlug(room.slug, db)).toBeNull();
  });

  it('says when a message is the author\'s first live one in a room, and when their last one there is gone', async () => {
    const db = handle.db;
    const person = peopleIn(db, kind);
    const [ann, ben] = await Promise.all(['fm-ann', 'fm-ben'].map(person));
    if (!ann || !ben) throw new Error('users not created');
    const room = await createRoom({ slug: `fm-hobby-${kind}`, name: 'Hobby', kind: 'hobby', description: '', creatorId: ann.id }, db);
    const say = (authorId: string) => createMessage({ roomId: room.id, authorId, clientId: randomUUID(), body: 'hi' }, db);
    const first = await say(ann.id);
    expect(first.firstInRoom).toBe(true);
    const second = await say(ann.id);
    expect(second.firstInRoom).toBe(false);
    expect((await say(ben.id)).firstInRoom).toBe(true);
    expect(await listRoomWriterIds(room.id, ben.id, 100, db)).toEqual([ann.id]);
    await deleteMessage(first.message.id, db);
    expect(await stillWritesIn(room.id, ann.id, db)).toBe(true);
    await deleteMessage(second.message.id, db);
    expect(await stillWritesIn(room.id, ann.id, db)).toBe(false);
    expect(await listRoomWriterIds(room.id, ben.id, 100, db)).toEqual([]);
    expect((await say(ann.id)).firstInRoom).toBe(true);
  });
});
