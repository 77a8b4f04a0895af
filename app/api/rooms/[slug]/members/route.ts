import { getUserByUsername } from '@/lib/db/queries/users';
import { addTeamMember, listTeamMembers } from '@/lib/db/queries/memberships';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, ConflictError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';
import { requireRoomAccess, roomSlugSchema } from '@/lib/rooms/access';
import { roomEventChannels } from '@/lib/rooms/channels';
import { requireRoomAdmin } from '@/lib/team/admin-access';
import { TEAM_MEMBER_ADDED_EVENT, toTeamMemberPayload } from '@/lib/team/events';
import { notifyRoom } from '@/lib/team/notify';
import { addMemberRequestSchema } from '@/lib/team/schemas';

type Context = { params: Promise<{ slug: string }> };

async function slugFrom(context: Context): Promise<string> {
  const slug = roomSlugSchema.safeParse((await context.params).slug);
  if (!slug.success) throw new BadRequestError('slug: not a room slug');
  return slug.data;
}

/**
 * A business room's whole team with roles, for its members: a page re-reads it after (re)subscribing, since
 * team-* events sent while it was not subscribed are lost.
 */
export const GET = apiRoute<Context>(async (_request, context) => {
  const slug = await slugFrom(context);
  const user = await requireApiUser();
  const { room } = await requireRoomAccess(slug, user.id);
  if (room.kind !== 'business') throw new BadRequestError('Hobby rooms are open to everyone and have no members to list.');
  const members = await listTeamMembers(room.id);
  return jsonResponse({ members: members.map(toTeamMemberPayload) });
});

/** An admin adds someone to a business room by username. */
export const POST = apiRoute<Context>(async (request, context) => {
  const slug = await slugFrom(context);
  const { username } = await readJson(request, addMemberRequestSchema);
  const user = await requireApiUser();
  const room = await requireRoomAdmin(slug, user.id);
  await enforceWriteLimit(WRITE_LIMITS.teamChange, user.id);

  const newcomer = await getUserByUsername(username);
  if (!newcomer) throw new NotFoundError(`Nobody is called "${username}".`);
  const member = await addTeamMember(room.id, newcomer.id);
  if (!member) throw new ConflictError(`${newcomer.displayName} is already a member.`);

  const payload = toTeamMemberPayload(member);
  await notifyRoom(roomEventChannels(room), TEAM_MEMBER_ADDED_EVENT, { member: payload });
  return jsonResponse({ member: payload }, 201);
});
