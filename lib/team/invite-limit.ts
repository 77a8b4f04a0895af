import { TooManyRequestsError } from '@/lib/http/errors';
import { limiterFor } from '@/lib/rate-limit';

/** Invitations each admin may send per hour, across rooms, tabs and replicas (also bounds username probing). */
const INVITES_PER_HOUR = 30;
const SECONDS_PER_HOUR = 3_600;

/** Counts one invitation by this user; 429 with Retry-After once they have none left this hour. */
export async function consumeInvite(userId: string): Promise<void> {
  const decision = await (await limiterFor({ name: 'team-invite', points: INVITES_PER_HOUR, durationSeconds: SECONDS_PER_HOUR })).consume(userId);
  if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterMs, 'You are sending invitations too fast; wait a while.');
}
