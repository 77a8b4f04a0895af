import { z } from 'zod';
import { getStatusesForUsers } from '@/lib/db/queries/statuses';
import { readQuery } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import type { StatusStampPayload } from '@/lib/presence/status/status-events';
import { usersSharingARoomWith } from '@/lib/users/shared-rooms';

/** At most this many ids per request (a room page asks for the people it sees). */
const MAX_IDS = 100;
/** A uuid is 36 characters; with the commas this bounds the whole parameter. */
const MAX_IDS_PARAM_LENGTH = MAX_IDS * 37;

const querySchema = z.object({
  ids: z
    .string()
    .min(1)
    .max(MAX_IDS_PARAM_LENGTH, 'too long')
    .transform((value) => value.split(','))
    .pipe(z.array(z.uuid('each id must be a user id')).max(MAX_IDS, `at most ${MAX_IDS} ids`)),
});

type StatusesResponse = { statuses: Record<string, StatusStampPayload> };

/**
 * Current statuses, so a late joiner can correct what others' user_info said when they subscribed. Only for
 * people who share a room with the caller; any other id is left out exactly like an unknown one.
 */
export const GET = apiRoute(async (request) => {
  const { ids } = readQuery(request, querySchema);
  const user = await requireApiUser();
  const found = await getStatusesForUsers([...(await usersSharingARoomWith(user.id, ids))]);
  const statuses: StatusesResponse['statuses'] = {};
  for (const [id, { status, statusUpdatedAt }] of found) {
    statuses[id] = { status, statusUpdatedAt: statusUpdatedAt?.toISOString() ?? null };
  }
  return jsonResponse({ statuses } satisfies StatusesResponse);
});
