import { z } from 'zod';
import { LastAdminError, leaveTeam, removeTeamMember, setTeamRole } from '@/lib/db/queries/memberships';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, ConflictError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { teamChanged } from '@/lib/people/contact-changes';
import { notifyPeopleChanged } from '@/lib/people/notify-contacts';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';
import { requireRoomAccess, roomSlugSchema } from '@/lib/rooms/access';
import { roomEventChannels } from '@/lib/rooms/channels';
import { requireRoomAdmin } from '@/lib/team/admin-access';
import {
  TEAM_MEMBER_REMOVED_EVENT,
  TEAM_ROLE_CHANGED_EVENT,
  type TeamMemberRemovedPayload,
  type TeamRoleChangedPayload,
} from '@/lib/team/events';
import { notifyRoom } from '@/lib/team/notify';
import { revokeRoomAccess } from '@/lib/team/notify-invitations';
import { changeRoleRequestSchema } from '@/lib/team/schemas';

type Context = { params: Promise<{ slug: string; userId: string }> };

const paramsSchema = z.object({ slug: roomSlugSchema, userId: z.uuid('not a user id') });

async function parseParams(context: Context) {
  const parsed = paramsSchema.safeParse(await context.params);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message);
  return parsed.data;
}

function lastAdminRefusal(error: unknown): never {
  if (error instanceof LastAdminError) throw new ConflictError('A business room needs at least one admin; promote someone else first.');
  throw error;
}

/** An admin promotes or demotes a member; every open page of the room updates the badge. */
export const PATCH = apiRoute<Context>(async (request, context) => {
  const { slug, userId } = await parseParams(context);
  const { role } = await readJson(request, changeRoleRequestSchema);
  const user = await requireApiUser();
  const room = await requireRoomAdmin(slug, user.id);
  await enforceWriteLimit(WRITE_LIMITS.teamChange, user.id);
  const changed = await setTeamRole(room.id, userId, role).catch(lastAdminRefusal);
  if (!changed) throw new NotFoundError('Not a member of this room.');
  const payload: TeamRoleChangedPayload = { userId, role };
  await notifyRoom(roomEventChannels(room), TEAM_ROLE_CHANGED_EVENT, payload);
  return jsonResponse(payload);
});

/**
 * Someone leaves the team (their own id: any member), or an admin removes a member. Their tabs are told to leave
 * this room's channels, and channel authorization refuses them from the commit on; their other rooms and
 * connections stay. The team's pages drop them, and their contacts change on both sides.
 */
export const DELETE = apiRoute<Context>(async (_request, context) => {
  const { slug, userId } = await parseParams(context);
  const user = await requireApiUser();
  if (userId === user.id) return leave(slug, user.id);
  const room = await requireRoomAdmin(slug, user.id);
  await enforceWriteLimit(WRITE_LIMITS.teamChange, user.id);
  const removed = await removeTeamMember(room.id, userId).catch(lastAdminRefusal);
  if (!removed) throw new NotFoundError('Not a member of this room.');
  await revokeRoomAccess(room, userId, 'removed');
  const payload: TeamMemberRemovedPayload = { userId };
  await notifyRoom(roomEventChannels(room), TEAM_MEMBER_REMOVED_EVENT, payload);
  await teamChanged(room.id, userId);
  return jsonResponse(payload);
});

async function leave(slug: string, userId: string): Promise<Response> {
  const { room } = await requireRoomAccess(slug, userId);
  await enforceWriteLimit(WRITE_LIMITS.teamChange, userId);
  if (room.kind !== 'business') throw new BadRequestError('Hobby rooms are open to everyone; there is no team to leave.');
  const outcome = await leaveTeam(room.id, userId).catch((error: unknown) => {
    if (error instanceof LastAdminError) throw new ConflictError('You are the last admin: make someone else an admin before you leave.');
    throw error;
  });
  if (outcome === 'not_member') throw new NotFoundError('Not a member of this room.');
  await revokeRoomAccess(room, userId, 'left');
  const payload: TeamMemberRemovedPayload = { userId };
  if (outcome === 'left') {
    await notifyRoom(roomEventChannels(room), TEAM_MEMBER_REMOVED_EVENT, payload);
    await teamChanged(room.id, userId);
  } else {
    await notifyPeopleChanged([userId]);
  }
  return jsonResponse({ ...payload, roomDeleted: outcome === 'room_deleted' });
}
