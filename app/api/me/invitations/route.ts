import { listInvitationsForUser } from '@/lib/db/queries/invitations';
import { requireApiUser } from '@/lib/http/api-user';
import { apiRoute, jsonResponse } from '@/lib/http/handler';

/** The invitations to business rooms waiting for the signed-in user's answer, newest first. */
export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  const invitations = await listInvitationsForUser(user.id);
  return jsonResponse({
    invitations: invitations.map(({ createdAt, ...invitation }) => ({ ...invitation, createdAt: createdAt.toISOString() })),
  });
});
