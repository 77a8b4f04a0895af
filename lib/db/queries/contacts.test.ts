import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { openTestDatabase, peopleIn, testDatabaseKinds } from '../test-databases';
import { sql } from 'drizzle-orm';
import { listContactIds, listContacts, listSharedRooms } from './contacts';
import { addTeamMember, createRoom } from './memberships';
import { createMessage, deleteMessage } from './messages';
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
    const person = peopleIn(db, kind);
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
  it('follows who wrote where: a first message makes a contact at the next read, deleting the last one ends it', async () => {
    const db = handle.db;
    const person = peopleIn(db, kind);
    const [me, ann, ben] = await Promise.all(['me2', 'ann2', 'ben2'].map(person));
    if (!me || !ann || !ben) throw new Error('users not created');
    const room = await createRoom({ slug: `garden-${kind}`, name: 'Gardening', kind: 'hobby', description: '', creatorId: me.id }, db);
    const say = (authorId: string) => createMessage({ roomId: room.id, authorId, clientId: randomUUID(), body: 'hi' }, db);
    await say(me.id);
    // Read (and, on the embedded database, kept) before anyone else wrote.
    expect(await listContactIds(me.id, 100, db)).toEqual([]);

    const annFirst = await say(ann.id);
    expect(await listContactIds(me.id, 100, db)).toEqual([ann.id]);
    const annSecond = await say(ann.id);
    await say(ben.id);
    expect(await listContactIds(me.id, 100, db)).toEqual(expect.arrayContaining([ann.id, ben.id]));

    // One of Ann's two messages deleted: still a contact. Both: no longer.
    await deleteMessage(annFirst.message.id, db);
    expect(await listContactIds(me.id, 100, db)).toContain(ann.id);
    await deleteMessage(annSecond.message.id, db);
    expect(await listContactIds(me.id, 100, db)).toEqual([ben.id]);
    expect(await listSharedRooms(me.id, ann.id, db)).toEqual([]);

    // A row removed by hand (not through the app) counts too: the bookkeeping is the database's own.
    await db.execute(sql`delete from messages where author_id = ${ben.id}`);
    expect(await listContactIds(me.id, 100, db)).toEqual([]);
    const counts = await db.execute(sql`select author_id, live_messages from room_authors where room_id = ${room.id}`);
    expect((counts as unknown as { rows: { author_id: string; live_messages: number }[] }).rows).toEqual([{ author_id: me.id, live_messages: 1 }]);
  });
  it('ranks a teammate by when the later of the two joined, and cuts every team and room at the same place', async () => {
    const db = handle.db;
    const person = peopleIn(db, kind);
    const [me, veteran, newcomer, writer] = await Promise.all(['me3', 'veteran3', 'newcomer3', 'writer3'].map(person));
    if (!me || !veteran || !newcomer || !writer) throw new Error('users not created');
    const team = await createRoom({ slug: `ops-${kind}`, name: 'Ops', kind: 'business', description: '', creatorId: veteran.id }, db);
    await addTeamMember(team.id, me.id, db);
    await addTeamMember(team.id, newcomer.id, db);
    const hobby = await createRoom({ slug: `birds-${kind}`, name: 'Birds', kind: 'hobby', description: '', creatorId: me.id }, db);
    const said = await Promise.all([me.id, writer.id].map((authorId) => createMessage({ roomId: hobby.id, authorId, clientId: randomUUID(), body: 'hi' }, db)));
    const setJoined = (userId: string, at: string) =>
      db.execute(sql`update room_memberships set created_at = ${at}::timestamptz where room_id = ${team.id} and user_id = ${userId}`);
    await setJoined(veteran.id, '2026-01-01T00:00:00Z');
    await setJoined(me.id, '2026-03-01T00:00:00Z');
    await setJoined(newcomer.id, '2026-04-01T00:00:00Z');
    await db.execute(sql`update messages set created_at = '2026-02-01T00:00:00Z' where id = ${said[1]?.message.id}`);

    // The veteran became my teammate when I joined (March), after the writer's message (February).
    expect(await listContactIds(me.id, 100, db)).toEqual([newcomer.id, veteran.id, writer.id]);
    expect(await listContactIds(me.id, 2, db)).toEqual([newcomer.id, veteran.id]);
    expect(await listContactIds(veteran.id, 1, db)).toEqual([newcomer.id]);
    expect((await listContacts(me.id, 100, db)).map((contact) => contact.name)).toEqual(['newcomer3', 'veteran3', 'writer3']);
  });
});
