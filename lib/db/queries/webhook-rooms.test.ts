import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../client';
import { openTestDatabase, peopleIn, testDatabaseKinds } from '../test-databases';
import { addRoomMember } from './memberships';
import { createRoom } from './memberships';
import { getWebhookRooms } from './webhook-rooms';

/** The database, counting the statements started through it (each select is one round trip). */
function countingSelects(db: Database): { db: Database; selects: () => number } {
  let selects = 0;
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'select') selects += 1;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, selects: () => selects };
}

describe.each(testDatabaseKinds())('the rooms a webhook names, on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reads every room and joiner of a batch in one query, with business roles and nothing invented', async () => {
    const person = peopleIn(handle.db, kind);
    const [ada, ben, cy] = [await person('wh-ada'), await person('wh-ben'), await person('wh-cy')];
    const hobby = await createRoom({ slug: `wh-hobby-${kind}`, name: 'Hobby', kind: 'hobby', description: '', creatorId: ada.id }, handle.db);
    const business = await createRoom({ slug: `wh-biz-${kind}`, name: 'Biz', kind: 'business', description: '', creatorId: ada.id }, handle.db);
    await addRoomMember(business.id, ben.id, 'member', handle.db);
    const counted = countingSelects(handle.db);

    const found = await getWebhookRooms(
      [
        { slug: hobby.slug, userIds: [ada.id, cy.id, 'not-a-uuid'] },
        { slug: business.slug, userIds: [ada.id, ben.id, cy.id, randomUUID()] },
        { slug: 'no-such-room', userIds: [ada.id] },
      ],
      counted.db,
    );

    expect(counted.selects()).toBe(1);
    expect([...found.keys()].sort()).toEqual([business.slug, hobby.slug].sort());
    const roles = (slug: string) => Object.fromEntries([...(found.get(slug)?.members ?? new Map()).entries()].map(([id, member]) => [id, member.role]));
    expect(roles(hobby.slug)).toEqual({ [ada.id]: null, [cy.id]: null });
    // cy is no member of the business room: present as a user, without a role (the caller decides).
    expect(roles(business.slug)).toEqual({ [ada.id]: 'admin', [ben.id]: 'member', [cy.id]: null });
    expect(found.get(business.slug)?.members.get(ben.id)?.user.displayName).toBe('wh-ben');
  });

  it('reads rooms alone when nobody joined (occupancy only), and nothing for an empty batch', async () => {
    const person = peopleIn(handle.db, kind);
    const dee = await person('wh-dee');
    const room = await createRoom({ slug: `wh-quiet-${kind}`, name: 'Quiet', kind: 'hobby', description: '', creatorId: dee.id }, handle.db);
    const counted = countingSelects(handle.db);
    const found = await getWebhookRooms([{ slug: room.slug, userIds: [] }], counted.db);
    expect(found.get(room.slug)?.room.id).toBe(room.id);
    expect(found.get(room.slug)?.members.size).toBe(0);
    expect(await getWebhookRooms([], counted.db)).toEqual(new Map());
    expect(counted.selects()).toBe(1);
  });
});
