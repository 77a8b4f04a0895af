import { z } from 'zod';
import { updateUserStatus } from '@/lib/db/queries/statuses';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { UnauthorizedError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { STATUS_UPDATED_EVENT, type StatusStampPayload } from '@/lib/presence/status/status-events';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';
import { statusTextSchema } from '@/lib/users/status-schema';

const bodySchema = z.object({ status: statusTextSchema });

/** Saves the signed-in user's status and tells their other tabs; a realtime outage does not lose the save. */
export const PUT = apiRoute(async (request) => {
  const { status } = await readJson(request, bodySchema);
  const user = await requireApiUser();
  await enforceWriteLimit(WRITE_LIMITS.status, user.id);
  const saved = await updateUserStatus(user.id, status);
  if (!saved) throw new UnauthorizedError();

  const body: StatusStampPayload = { status: saved.status, statusUpdatedAt: saved.statusUpdatedAt?.toISOString() ?? null };
  try {
    await getPusher().sendToUser(user.id, STATUS_UPDATED_EVENT, body);
  } catch (error) {
    console.error(`[status] saved, but could not notify user ${user.id}'s other tabs: ${describePusherError(error)}`);
  }
  return jsonResponse(body);
});
