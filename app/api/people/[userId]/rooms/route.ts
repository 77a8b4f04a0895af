import { z } from 'zod';
import { getUserById } from '@/lib/db/queries/users';
import { listSharedRooms } from '@/lib/db/queries/contacts';
import { requireSessionUserId } from '@/lib/http/api-user';
import { BadRequestError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { hereNowIn } from '@/lib/people/here-now';
import type { SharedRoomPayload } from '@/lib/people/schemas';

type Context = { params: Promise<{ userId: string }> };

/**
 * The rooms the caller shares with one contact, and which of them that person is in now. Only shared rooms
 * are ever named (each one the caller may enter), and someone who appears offline is in none.
 */
export const GET = apiRoute<Context>(async (_request, context) => {
  const otherId = z.uuid().safeParse((await context.params).userId);
  if (!otherId.success) throw new BadRequestError('userId: not a user id');
  const userId = await requireSessionUserId();
  const shared = await listSharedRooms(userId, otherId.data);
  if (shared.length === 0) throw new NotFoundError('You share no room with this person.');
  const other = await getUserById(otherId.data);
  if (!other) throw new NotFoundError('You share no room with this person.');
  const here = other.appearOffline ? new Set<string>() : await hereNowIn(shared, other.id);
  const rooms: SharedRoomPayload[] = shared.map((room) => ({ ...room, hereNow: here.has(room.slug) }));
  return jsonResponse({ rooms });
});
