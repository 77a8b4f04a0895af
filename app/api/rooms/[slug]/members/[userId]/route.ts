import { z } from 'zod';
import { LastAdminError, removeTeamMember, setTeamRole } from '@/lib/db/queries/memberships';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { BadRequestError, ConflictError, NotFoundError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';
import { roomSlugSchema } from '@/lib/rooms/access';
import { roomEventChannels } from '@/lib/rooms/channels';
import { requireRoomAdmin } from '@/lib/team/admin-access';
import {
  ROOM_ACCESS_REVOKED_EVENT,
  TEAM_MEMBER_REMOVED_EVENT,
  TEAM_ROLE_CHANGED_EVENT,
  type RoomAccessRevokedPayload,
  type TeamMemberRemovedPayload,
  type TeamRoleChangedPayload,
} from '@/lib/team/events';
import { notifyRoom } from '@/lib/team/notify';
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
 * An admin removes a member. Their pages are told, then their connections are closed so the server drops them
 * from the room at once; pusher-js reconnects by itself and its new subscription is refused (not a member).
 */
export const DELETE = apiRoute<Context>(async (_request, context) => {
  const { slug, userId } = await parseParams(context);
  const user = await requireApiUser();
  const room = await requireRoomAdmin(slug, user.id);
  await enforceWriteLimit(WRITE_LIMITS.teamChange, user.id);
  const removed = await removeTeamMember(room.id, userId).catch(lastAdminRefusal);
  if (!removed) throw new NotFoundError('Not a member of this room.');

  const pusher = getPusher();
  try {
    await pusher.sendToUser(userId, ROOM_ACCESS_REVOKED_EVENT, { slug: room.slug } satisfies RoomAccessRevokedPayload);
    await pusher.terminateUserConnections(userId);
  } catch (error) {
    console.error(`[team] ${userId} removed from ${room.slug}, but their connections were not closed: ${describePusherError(error)}`);
  }
  const payload: TeamMemberRemovedPayload = { userId };
  await notifyRoom(roomEventChannels(room), TEAM_MEMBER_REMOVED_EVENT, payload);
  return jsonResponse(payload);
});
