import { getUserByUsername } from '@/lib/db/queries';
import { addTeamMember } from '@/lib/db/queries/memberships';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, ConflictError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { roomSlugSchema } from '@/lib/rooms/access';
import { roomChannelName } from '@/lib/rooms/channels';
import { requireRoomAdmin } from '@/lib/team/admin-access';
import { TEAM_MEMBER_ADDED_EVENT, toTeamMemberPayload } from '@/lib/team/events';
import { notifyRoom } from '@/lib/team/notify';
import { addMemberRequestSchema } from '@/lib/team/schemas';

type Context = { params: Promise<{ slug: string }> };

/** An admin adds someone to a business room by username. */
export const POST = apiRoute<Context>(async (request, context) => {
  const slug = roomSlugSchema.safeParse((await context.params).slug);
  if (!slug.success) throw new BadRequestError('slug: not a room slug');
  const { username } = await readJson(request, addMemberRequestSchema);
  const user = await requireApiUser();
  const room = await requireRoomAdmin(slug.data, user.id);

  const newcomer = await getUserByUsername(username);
  if (!newcomer) throw new NotFoundError(`Nobody is called "${username}".`);
  const member = await addTeamMember(room.id, newcomer.id);
  if (!member) throw new ConflictError(`${newcomer.displayName} is already a member.`);

  const payload = toTeamMemberPayload(member);
  await notifyRoom(roomChannelName(room), TEAM_MEMBER_ADDED_EVENT, { member: payload });
  return jsonResponse({ member: payload }, 201);
});
