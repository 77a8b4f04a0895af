import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { getRoomBySlug } from './rooms';
import { getUserByUsername } from './users';
import { seedDemoData } from '../seed';
import { openTestDatabase, testDatabaseKinds } from '../test-databases';
import { ClientIdReusedError, createMessage, deleteMessage, getMessageRef, listRoomMessages } from './messages';

describe.each(testDatabaseKinds())('messages on %s', (kind) => {
  let handle: DatabaseHandle;
  let roomId: string;
  let otherRoomId: string;
  let authorId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemoData(handle.db);
    roomId = (await getRoomBySlug('gaming', handle.db))!.id;
    otherRoomId = (await getRoomBySlug('music', handle.db))!.id;
    authorId = (await getUserByUsername('alice', handle.db))!.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('stores a retried send once and refuses a client id reused in another room', async () => {
    const clientId = randomUUID();
    const first = await createMessage({ roomId, authorId, clientId, body: 'hello' }, handle.db);
    const again = await createMessage({ roomId, authorId, clientId, body: 'hello' }, handle.db);
    expect(first.created).toBe(true);
    expect(again).toEqual({ message: first.message, created: false });
    expect(first.message.author).toMatchObject({ id: authorId, name: 'Alice Anders' });
    await expect(createMessage({ roomId: otherRoomId, authorId, clientId, body: 'x' }, handle.db)).rejects.toBeInstanceOf(
      ClientIdReusedError,
    );
  });

  it('pages backwards by (created_at, id) without gaps or repeats, and leaves deleted messages out', async () => {
    const room = (await getRoomBySlug('books', handle.db))!.id;
    const sent: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const { message } = await createMessage({ roomId: room, authorId, clientId: randomUUID(), body: `m${index}` }, handle.db);
      sent.push(message.id);
    }
    expect(await deleteMessage(sent[3]!, handle.db)).toBe(true);
    expect(await deleteMessage(sent[3]!, handle.db)).toBe(false);
    expect((await getMessageRef(sent[3]!, handle.db))?.deletedAt).toBeInstanceOf(Date);

    const seen: string[] = [];
    let before = null;
    for (;;) {
      const page = await listRoomMessages(room, { before, limit: 2 }, handle.db);
      seen.unshift(...page.messages.map((message) => message.body));
      const oldest = page.messages[0];
      if (!page.hasMore || !oldest) break;
      before = { createdAt: oldest.createdAt, id: oldest.id };
    }
    // Messages sent within one millisecond are ordered by id, so compare with one unpaged read, not send order.
    const whole = await listRoomMessages(room, { limit: 100 }, handle.db);
    expect(seen).toEqual(whole.messages.map((message) => message.body));
    expect([...seen].sort()).toEqual(['m0', 'm1', 'm2', 'm4', 'm5', 'm6']);
  });
});
