import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { listPresentMembers } from '@/lib/presence/appear-offline/present-members';
import { requireRoomAccess, roomSlugSchema } from '@/lib/rooms/access';

type Context = { params: Promise<{ slug: string }> };

/**
 * Who is in the room now, for a page that follows the room on its onlooker channel without being a presence
 * member (appearing offline): it reads this after each (re)subscription, then applies `presence-mirror` events.
 */
export const GET = apiRoute<Context>(async (_request, context) => {
  const slug = roomSlugSchema.safeParse((await context.params).slug);
  if (!slug.success) throw new BadRequestError('slug: not a room slug');
  const user = await requireApiUser();
  const { room } = await requireRoomAccess(slug.data, user.id);
  return jsonResponse({ members: await listPresentMembers(room) });
});
