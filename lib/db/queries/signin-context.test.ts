import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { openTestDatabase, peopleIn, testDatabaseKinds } from '../test-databases';
import { listContactIds } from './contacts';
import { addTeamMember, createRoom } from './memberships';
import { createMessage } from './messages';
import { setAppearOffline } from './presence';
import { getSigninContext } from './signin-context';

describe.each(testDatabaseKinds())('signin context on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reads the identity and the same contacts, in the same order, as the People list, current at every read', async () => {
    const db = handle.db;
    const person = peopleIn(db, kind);
    const [me, ann, ben, cat] = await Promise.all(['me4', 'ann4', 'ben4', 'cat4'].map(person));
    if (!me || !ann || !ben || !cat) throw new Error('users not created');
    expect(await getSigninContext(me.id, 100, db)).toEqual({ user: expect.objectContaining({ id: me.id, displayName: 'me4', appearOffline: false }), contactIds: [] });

    const room = await createRoom({ slug: `signin-${kind}`, name: 'Signin', kind: 'hobby', description: '', creatorId: me.id }, db);
    const team = await createRoom({ slug: `signin-team-${kind}`, name: 'Signin team', kind: 'business', description: '', creatorId: me.id }, db);
    for (const authorId of [me.id, ann.id, ben.id]) await createMessage({ roomId: room.id, authorId, clientId: randomUUID(), body: 'hi' }, db);
    await addTeamMember(team.id, cat.id, db);
    const expected = await listContactIds(me.id, 100, db);
    expect(expected).toHaveLength(3);
    expect((await getSigninContext(me.id, 100, db))?.contactIds).toEqual(expected);
    expect((await getSigninContext(me.id, 2, db))?.contactIds).toEqual(expected.slice(0, 2));

    // Kept on the embedded database, yet current: a change of identity shows at the next read.
    await setAppearOffline(me.id, true, db);
    expect((await getSigninContext(me.id, 100, db))?.user.appearOffline).toBe(true);
    expect(await getSigninContext(randomUUID(), 100, db)).toBeNull();
    expect(await getSigninContext('not-a-uuid', 100, db)).toBeNull();
  });
});
