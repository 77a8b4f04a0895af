import { z } from 'zod';
import { revokeInvitation } from '@/lib/db/queries/invitations';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { roomSlugSchema } from '@/lib/rooms/access';
import { requireRoomAdmin } from '@/lib/team/admin-access';
import { notifyInvitationsChanged } from '@/lib/team/notify-invitations';
import { invitedUsernameSchema } from '@/lib/team/schemas';

type Context = { params: Promise<{ slug: string; username: string }> };

const paramsSchema = z.object({ slug: roomSlugSchema, username: invitedUsernameSchema });

/** An admin takes back a pending invitation (listed by the username they typed). */
export const DELETE = apiRoute<Context>(async (_request, context) => {
  const parsed = paramsSchema.safeParse(await context.params);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message);
  const { slug, username } = parsed.data;
  const user = await requireApiUser();
  const room = await requireRoomAdmin(slug, user.id);
  const { found, inviteeId } = await revokeInvitation(room.id, username);
  if (!found) throw new NotFoundError('No pending invitation for that username.');
  await notifyInvitationsChanged(room, inviteeId);
  return jsonResponse({ username });
});
