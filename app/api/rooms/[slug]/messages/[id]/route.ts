import { z } from 'zod';
import { MESSAGE_DELETED_EVENT, type MessageDeletedPayload } from '@/lib/chat/events';
import { deleteMessage, getMessageRef } from '@/lib/db/queries/messages';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, ForbiddenError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';
import { requireRoomAccess, roomSlugSchema } from '@/lib/rooms/access';
import { roomEventChannels } from '@/lib/rooms/channels';

type Context = { params: Promise<{ slug: string; id: string }> };

const paramsSchema = z.object({ slug: roomSlugSchema, id: z.uuid('not a message id') });

/** Deletes a message: its author may, and so may an admin of the business room; everyone in the room is told. */
export const DELETE = apiRoute<Context>(async (_request, context) => {
  const parsed = paramsSchema.safeParse(await context.params);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message);
  const { slug, id } = parsed.data;
  const user = await requireApiUser();
  const { room, role } = await requireRoomAccess(slug, user.id);
  await enforceWriteLimit(WRITE_LIMITS.messageDeletion, user.id);

  const message = await getMessageRef(id);
  if (!message || message.roomId !== room.id || message.deletedAt) throw new NotFoundError('No such message.');
  if (message.authorId !== user.id && role !== 'admin') throw new ForbiddenError('Only its author or a room admin may delete this message.');

  await deleteMessage(id);
  const payload: MessageDeletedPayload = { id };
  try {
    await getPusher().trigger(roomEventChannels(room), MESSAGE_DELETED_EVENT, payload);
  } catch (error) {
    console.error(`[chat] message ${id} deleted, but the deletion was not broadcast: ${describePusherError(error)}`);
  }
  return jsonResponse(payload);
});
