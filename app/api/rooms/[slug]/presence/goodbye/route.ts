import { readFormOrJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, TooManyRequestsError } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/handler';
import { announceTabClosed, goodbyeLimit } from '@/lib/presence/announce-goodbye';
import { goodbyeRequestSchema } from '@/lib/presence/goodbye';
import { requireRoomAccess, roomSlugSchema } from '@/lib/rooms/access';

type Context = { params: Promise<{ slug: string }> };

/**
 * A closing tab's goodbye (`navigator.sendBeacon` on pagehide, see lib/presence/goodbye.ts): the room learns at
 * once that this tab of the signed-in user is gone. The user is the session's, never the request's.
 */
export const POST = apiRoute<Context>(async (request, context) => {
  const slug = roomSlugSchema.safeParse((await context.params).slug);
  if (!slug.success) throw new BadRequestError('slug: not a room slug');
  const goodbye = await readFormOrJson(request, goodbyeRequestSchema);
  const user = await requireApiUser();
  const { room } = await requireRoomAccess(slug.data, user.id);
  const decision = await (await goodbyeLimit()).consume(user.id);
  if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterMs, 'Too many goodbyes; wait a few seconds.');
  await announceTabClosed(room, user, goodbye);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
