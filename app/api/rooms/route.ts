import { createRoom, RoomSlugTakenError } from '@/lib/db/queries/memberships';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { ConflictError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';
import { createRoomRequestSchema, slugFromName } from '@/lib/team/schemas';

/** Any signed-in user creates a room; the creator of a business room is its first admin. */
export const POST = apiRoute(async (request) => {
  const { name, kind, description } = await readJson(request, createRoomRequestSchema);
  const user = await requireApiUser();
  await enforceWriteLimit(WRITE_LIMITS.roomCreation, user.id, 'You have created many rooms lately; try again later.');
  try {
    const room = await createRoom({ slug: slugFromName(name), name, kind, description, creatorId: user.id });
    return jsonResponse({ room: { slug: room.slug, name: room.name, kind: room.kind } }, 201);
  } catch (error) {
    if (error instanceof RoomSlugTakenError) throw new ConflictError('A room with this name already exists; pick another name.');
    throw error;
  }
});
