import { listTeamMembers } from '@/lib/db/queries/memberships';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { requireRoomAccess, roomSlugFrom } from '@/lib/rooms/access';
import { toTeamMemberPayload } from '@/lib/team/events';

type Context = { params: Promise<{ slug: string }> };


/**
 * A business room's whole team with roles, for its members: a page re-reads it after (re)subscribing, since
 * team-* events sent while it was not subscribed are lost. Nobody is added here: an admin invites
 * (./../invitations) and the person accepts (/api/me/invitations/{slug}).
 */
export const GET = apiRoute<Context>(async (_request, context) => {
  const slug = await roomSlugFrom(context);
  const user = await requireApiUser();
  const { room } = await requireRoomAccess(slug, user.id);
  if (room.kind !== 'business') throw new BadRequestError('Hobby rooms are open to everyone and have no members to list.');
  const members = await listTeamMembers(room.id);
  return jsonResponse({ members: members.map(toTeamMemberPayload) });
});
