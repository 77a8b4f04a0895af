import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { MessageCursor } from '@/lib/chat/cursor';
import { getDb, type Database } from '../client';
import { messages, roomAuthors, users } from '../schema';

/** A stored message with what a timeline shows of its author. */
export type MessageWithAuthor = {
  id: string;
  roomId: string;
  clientId: string;
  body: string;
  createdAt: Date;
  author: { id: string; name: string; color: string };
};

/** The client id was already used by this author for a message in another room. */
export class ClientIdReusedError extends Error {
  constructor(readonly clientId: string) {
    super(`client id ${clientId} was already used for another room`);
    this.name = 'ClientIdReusedError';
  }
}

const withAuthor = {
  id: messages.id,
  roomId: messages.roomId,
  clientId: messages.clientId,
  body: messages.body,
  createdAt: messages.createdAt,
  authorId: users.id,
  authorName: users.displayName,
  authorColor: users.color,
};

type Row = { id: string; roomId: string; clientId: string; body: string; createdAt: Date; authorId: string; authorName: string; authorColor: string };

function toMessage({ authorId, authorName, authorColor, ...message }: Row): MessageWithAuthor {
  return { ...message, author: { id: authorId, name: authorName, color: authorColor } };
}

async function findByClientId(database: Database, authorId: string, clientId: string): Promise<MessageWithAuthor | null> {
  const [row] = await database
    .select(withAuthor)
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.authorId, authorId), eq(messages.clientId, clientId)))
    .limit(1);
  return row ? toMessage(row) : null;
}

export type NewMessageInput = { roomId: string; authorId: string; clientId: string; body: string };

/**
 * Stores a message once per (author, client id): sending the same client id again (a retry after a lost
 * response) returns the message already stored instead of a copy, with `created: false`. `firstInRoom`: this is
 * now the author's only live message in the room (room_authors, kept by a trigger, got its row), read in the
 * writer's transaction so two first messages sent at once cannot both miss it.
 */
export async function createMessage(
  input: NewMessageInput,
  db?: Database,
): Promise<{ message: MessageWithAuthor; created: boolean; firstInRoom: boolean }> {
  const database = db ?? (await getDb());
  const { inserted, firstInRoom } = await database.transaction(async (tx) => {
    const [row] = await tx
      .insert(messages)
      .values(input)
      .onConflictDoNothing({ target: [messages.authorId, messages.clientId] })
      .returning({ id: messages.id });
    if (!row) return { inserted: false, firstInRoom: false };
    const [authored] = await tx
      .select({ live: roomAuthors.liveMessages })
      .from(roomAuthors)
      .where(and(eq(roomAuthors.roomId, input.roomId), eq(roomAuthors.authorId, input.authorId)));
    return { inserted: true, firstInRoom: authored?.live === 1 };
  });
  const message = await findByClientId(database, input.authorId, input.clientId);
  if (!message) throw new Error(`message ${input.clientId} vanished after insert`);
  if (message.roomId !== input.roomId) throw new ClientIdReusedError(input.clientId);
  return { message, created: inserted, firstInRoom };
}

/**
 * Up to `limit` live (not deleted) messages of a room older than `before` (or the newest, without it), newest
 * last, plus whether older ones exist. Keyset pagination on (created_at, id): no offsets, so messages arriving
 * meanwhile never shift a page.
 */
export async function listRoomMessages(
  roomId: string,
  options: { before?: MessageCursor | null; limit: number },
  db?: Database,
): Promise<{ messages: MessageWithAuthor[]; hasMore: boolean }> {
  const database = db ?? (await getDb());
  const { before, limit } = options;
  const rows = await database
    .select(withAuthor)
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messages.roomId, roomId),
        isNull(messages.deletedAt),
        before
          ? sql`(${messages.createdAt}, ${messages.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1);
  const hasMore = rows.length > limit;
  return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
}

export type StoredMessageRef = { id: string; roomId: string; authorId: string; deletedAt: Date | null };

export async function getMessageRef(id: string, db?: Database): Promise<StoredMessageRef | null> {
  const database = db ?? (await getDb());
  const [row] = await database
    .select({ id: messages.id, roomId: messages.roomId, authorId: messages.authorId, deletedAt: messages.deletedAt })
    .from(messages)
    .where(eq(messages.id, id))
    .limit(1);
  return row ?? null;
}

/** Marks a message deleted and clears its text; returns false when it was already deleted. */
export async function deleteMessage(id: string, db?: Database): Promise<boolean> {
  const database = db ?? (await getDb());
  const updated = await database
    .update(messages)
    .set({ deletedAt: sql`now()`, body: '' })
    .where(and(eq(messages.id, id), isNull(messages.deletedAt)))
    .returning({ id: messages.id });
  return updated.length > 0;
}
