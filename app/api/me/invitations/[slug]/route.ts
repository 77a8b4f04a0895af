import { getRoomBySlug } from '@/lib/db/queries/rooms';
import { acceptInvitation, declineInvitation } from '@/lib/db/queries/invitations';
import type { Room } from '@/lib/db/schema';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { teamChanged } from '@/lib/people/contact-changes';
import { roomSlugSchema } from '@/lib/rooms/access';
import { roomEventChannels } from '@/lib/rooms/channels';
import { TEAM_MEMBER_ADDED_EVENT, toTeamMemberPayload } from '@/lib/team/events';
import { notifyRoom } from '@/lib/team/notify';
import { notifyInvitationsChanged } from '@/lib/team/notify-invitations';

type Context = { params: Promise<{ slug: string }> };

const NO_INVITATION = 'No invitation to this room is waiting for you.';

/** The business room of an invitation; the same 404 for no such room as for no invitation. */
async function invitingRoom(context: Context): Promise<Room> {
  const slug = roomSlugSchema.safeParse((await context.params).slug);
  if (!slug.success) throw new BadRequestError('slug: not a room slug');
  const room = await getRoomBySlug(slug.data);
  if (!room || room.kind !== 'business') throw new NotFoundError(NO_INVITATION);
  return room;
}

/** The invitee accepts: they join the team, whose pages add them, and they and the team become contacts. */
export const POST = apiRoute<Context>(async (_request, context) => {
  const room = await invitingRoom(context);
  const user = await requireApiUser();
  const member = await acceptInvitation(room.id, user.id);
  if (!member) throw new NotFoundError(NO_INVITATION);
  const payload = toTeamMemberPayload(member);
  await notifyRoom(roomEventChannels(room), TEAM_MEMBER_ADDED_EVENT, { member: payload });
  await notifyInvitationsChanged(room, user.id);
  await teamChanged(room.id, user.id);
  return jsonResponse({ member: payload, slug: room.slug });
});

/** The invitee declines: the invitation is gone, nothing else changes. */
export const DELETE = apiRoute<Context>(async (_request, context) => {
  const room = await invitingRoom(context);
  const user = await requireApiUser();
  if (!(await declineInvitation(room.id, user.id))) throw new NotFoundError(NO_INVITATION);
  await notifyInvitationsChanged(room, user.id);
  return jsonResponse({ slug: room.slug });
});
