import { decodeCursor } from '@/lib/chat/cursor';
import { MESSAGE_EVENT } from '@/lib/chat/events';
import { MESSAGE_PAGE_SIZE, MESSAGE_REQUEST_MAX_BYTES } from '@/lib/chat/limits';
import { messageHistoryQuerySchema, sendMessageRequestSchema } from '@/lib/chat/schemas';
import { messageSendLimit } from '@/lib/chat/send-limit';
import { toChatMessage, toMessagePage } from '@/lib/chat/serialize';
import { ClientIdReusedError, createMessage, listRoomMessages } from '@/lib/db/queries/messages';
import { readJson, readQuery } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, TooManyRequestsError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { writingInRoomChanged } from '@/lib/people/contact-changes';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { requireRoomAccess, roomSlugFrom } from '@/lib/rooms/access';
import { roomEventChannels } from '@/lib/rooms/channels';

type Context = { params: Promise<{ slug: string }> };

/** Sends a message: stored, then broadcast as `message` to everyone in the room except the sending connection. */
export const POST = apiRoute<Context>(async (request, context) => {
  const slug = await roomSlugFrom(context);
  const { body, clientId, socketId } = await readJson(request, sendMessageRequestSchema, MESSAGE_REQUEST_MAX_BYTES);
  const user = await requireApiUser();
  const { room } = await requireRoomAccess(slug, user.id);

  const decision = await (await messageSendLimit()).consume(user.id);
  if (!decision.allowed) {
    throw new TooManyRequestsError(decision.retryAfterMs, 'You are sending messages too fast; wait a few seconds.');
  }

  let stored;
  try {
    stored = await createMessage({ roomId: room.id, authorId: user.id, clientId, body });
  } catch (error) {
    if (error instanceof ClientIdReusedError) throw new BadRequestError('clientId: already used for another message');
    throw error;
  }
  const message = toChatMessage(stored.message);

  if (stored.created) {
    try {
      await getPusher().trigger(roomEventChannels(room), MESSAGE_EVENT, message, socketId ? { socket_id: socketId } : undefined);
    } catch (error) {
      // Stored all the same: others see it on their next history load.
      console.error(`[chat] message ${message.id} saved, but not broadcast: ${describePusherError(error)}`);
    }
  }
  // A first message in a hobby room makes the author and the room's other writers contacts.
  if (stored.firstInRoom && room.kind === 'hobby') await writingInRoomChanged(room.id, user.id);
  return jsonResponse({ message }, stored.created ? 201 : 200);
});

/** A page of history older than `before` (or the newest page), newest last. */
export const GET = apiRoute<Context>(async (request, context) => {
  const slug = await roomSlugFrom(context);
  const { before } = readQuery(request, messageHistoryQuerySchema);
  const cursor = before === undefined ? null : decodeCursor(before);
  if (before !== undefined && !cursor) throw new BadRequestError('before: not a cursor from this API');
  const user = await requireApiUser();
  const { room } = await requireRoomAccess(slug, user.id);
  const page = await listRoomMessages(room.id, { before: cursor, limit: MESSAGE_PAGE_SIZE });
  return jsonResponse(toMessagePage(page));
});
