import { inviteToTeam, listRoomInvitations, TooManyInvitationsError } from '@/lib/db/queries/invitations';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { ConflictError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { roomSlugFrom } from '@/lib/rooms/access';
import { requireRoomAdmin } from '@/lib/team/admin-access';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';
import { notifyInvitationsChanged } from '@/lib/team/notify-invitations';
import { inviteRequestSchema } from '@/lib/team/schemas';

type Context = { params: Promise<{ slug: string }> };


/** A business room's pending invitations, for its admins: the usernames they typed, newest first. */
export const GET = apiRoute<Context>(async (_request, context) => {
  const slug = await roomSlugFrom(context);
  const user = await requireApiUser();
  const room = await requireRoomAdmin(slug, user.id);
  const invitations = await listRoomInvitations(room.id);
  return jsonResponse({ invitations: invitations.map(({ username, createdAt }) => ({ username, createdAt: createdAt.toISOString() })) });
});

/**
 * An admin invites someone by username. The answer is the same whether or not anyone has that name (or is
 * already invited or on the team): an admin learns nothing about which accounts exist. An invitation to a name
 * nobody has is kept like any other (the admin may revoke it) and reaches no one.
 */
export const POST = apiRoute<Context>(async (request, context) => {
  const slug = await roomSlugFrom(context);
  const { username } = await readJson(request, inviteRequestSchema);
  const user = await requireApiUser();
  const room = await requireRoomAdmin(slug, user.id);
  await enforceWriteLimit(WRITE_LIMITS.invitation, user.id, 'You are sending invitations too fast; wait a while.');

  let inviteeId: string | null;
  try {
    inviteeId = await inviteToTeam({ roomId: room.id, username, invitedBy: user.id });
  } catch (error) {
    if (error instanceof TooManyInvitationsError) throw new ConflictError('This room has too many pending invitations; revoke some first.');
    throw error;
  }
  await notifyInvitationsChanged(room, inviteeId);
  return jsonResponse({ username }, 202);
});
