import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { createUser } from '../queries';
import { openTestDatabase, testDatabaseKinds } from '../test-databases';
import { listContacts, listSharedRooms } from './contacts';
import { addTeamMember, createRoom } from './memberships';
import { createMessage } from './messages';
import { setAppearOffline } from './presence';

describe.each(testDatabaseKinds())('contacts on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('lists hobby-room neighbours one has chatted with and business teammates, most recent first, capped', async () => {
    const db = handle.db;
    const person = (name: string) => createUser({ username: `${name}-${kind}`.slice(0, 20), displayName: name, passwordHash: null }, db);
    const [me, chatter, lurker, elsewhere, teammate] = await Promise.all(['me', 'chatter', 'lurker', 'elsewhere', 'teammate'].map(person));
    if (!me || !chatter || !lurker || !elsewhere || !teammate) throw new Error('users not created');
    const hobby = await createRoom({ slug: `knit-${kind}`, name: 'Knitting', kind: 'hobby', description: '', creatorId: me.id }, db);
    const other = await createRoom({ slug: `chess-${kind}`, name: 'Chess', kind: 'hobby', description: '', creatorId: me.id }, db);
    const say = (authorId: string, roomId: string) => createMessage({ roomId, authorId, clientId: randomUUID(), body: 'hi' }, db);
    await say(me.id, hobby.id);
    await say(elsewhere.id, other.id);
    const team = await createRoom({ slug: `team-${kind}`, name: 'Team', kind: 'business', description: '', creatorId: me.id }, db);
    await addTeamMember(team.id, teammate.id, db);
    await say(chatter.id, hobby.id);

    const contacts = await listContacts(me.id, 100, db);
    expect(contacts.map((contact) => contact.name)).toEqual(['chatter', 'teammate']);
    expect(contacts.map((contact) => contact.name)).not.toContain('lurker');
    expect((await listContacts(me.id, 1, db)).map((contact) => contact.name)).toEqual(['chatter']);
    expect((await listContacts(chatter.id, 100, db)).map((contact) => contact.name)).toEqual(['me']);

    await setAppearOffline(teammate.id, true, db);
    expect((await listContacts(me.id, 100, db)).find((contact) => contact.id === teammate.id)?.appearOffline).toBe(true);

    expect(await listSharedRooms(me.id, chatter.id, db)).toEqual([{ slug: hobby.slug, name: 'Knitting', kind: 'hobby' }]);
    expect(await listSharedRooms(me.id, teammate.id, db)).toEqual([{ slug: team.slug, name: 'Team', kind: 'business' }]);
    expect(await listSharedRooms(me.id, elsewhere.id, db)).toEqual([]);
    expect(await listContacts('not-a-uuid', 100, db)).toEqual([]);
  });
});
