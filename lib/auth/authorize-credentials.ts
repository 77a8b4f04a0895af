import { getUserByUsername } from '@/lib/db/queries';
import { clientIpFrom } from './client-ip';
import { SignInRateLimitedError } from './errors';
import { verifyPassword } from './password';
import { signInSchema } from './schemas';
import { signInFailureLimits } from './sign-in-limits';

const MS_PER_SECOND = 1_000;

export type AuthorizedUser = { id: string; name: string };

/**
 * The Credentials provider's check. Returns null for every kind of wrong input (unknown user, wrong password,
 * malformed fields) so the caller can only ever say one generic thing; throws when rate limited.
 */
export async function authorizeCredentials(credentials: unknown, request: Request): Promise<AuthorizedUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;

  const usernameKey = `user:${username}`;
  const ipKey = `ip:${clientIpFrom(request.headers)}`;
  const { byUsername, byIp } = signInFailureLimits;
  for (const decision of [byUsername.check(usernameKey), byIp.check(ipKey)]) {
    if (!decision.allowed) throw new SignInRateLimitedError(Math.ceil(decision.retryAfterMs / MS_PER_SECOND));
  }

  const user = await getUserByUsername(username);
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    byUsername.record(usernameKey);
    byIp.record(ipKey);
    return null;
  }
  byUsername.reset(usernameKey);
  return { id: user.id, name: user.displayName };
}
