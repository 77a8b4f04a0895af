import { getUserByUsername } from '@/lib/db/queries/users';
import type { LimitDecision, Limiter } from '@/lib/rate-limit';
import { clientIpFrom } from './client-ip';
import { SignInRateLimitedError } from './errors';
import { verifyPassword } from './password';
import { signInSchema } from './schemas';
import { signInFailureLimits } from './sign-in-limits';

const MS_PER_SECOND = 1_000;

export type AuthorizedUser = { id: string; name: string };

type Counted = { limiter: Limiter; key: string; decision: LimitDecision };

/**
 * Counts this attempt against every limit before any password is checked: with a peek first and a count
 * afterwards, parallel attempts all passed the peek, so more passwords were tried than the limit allows.
 * An attempt refused by one limit gives back what it took from the others (it checked no password).
 */
async function countAttempt(limits: Array<{ limiter: Limiter; key: string }>): Promise<Counted[]> {
  const counted = await Promise.all(limits.map(async ({ limiter, key }) => ({ limiter, key, decision: await limiter.consume(key) })));
  const refused = counted.filter((entry) => !entry.decision.allowed);
  if (refused.length === 0) return counted;
  await Promise.all(counted.filter((entry) => entry.decision.allowed).map(({ limiter, key }) => limiter.refund(key)));
  const waitMs = Math.max(...refused.map(({ decision }) => (decision.allowed ? 0 : decision.retryAfterMs)));
  throw new SignInRateLimitedError(Math.ceil(waitMs / MS_PER_SECOND));
}

/**
 * The Credentials provider's check. Returns null for every kind of wrong input (unknown user, wrong password,
 * malformed fields) so the caller can only ever say one generic thing; throws when rate limited. Only failures
 * stay counted: a good password resets its username's count and gives the address its use back.
 */
export async function authorizeCredentials(credentials: unknown, request: Request): Promise<AuthorizedUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;

  const usernameKey = username;
  const ipKey = clientIpFrom(request.headers);
  const { byUsername, byIp } = await signInFailureLimits();
  await countAttempt([
    { limiter: byUsername, key: usernameKey },
    { limiter: byIp, key: ipKey },
  ]);

  const user = await getUserByUsername(username);
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) return null;
  await Promise.all([byUsername.reset(usernameKey), byIp.refund(ipKey)]);
  return { id: user.id, name: user.displayName };
}
