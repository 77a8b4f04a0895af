import { getUserByUsername } from '@/lib/db/queries/users';
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

  const usernameKey = username;
  const ipKey = clientIpFrom(request.headers);
  const { byUsername, byIp } = await signInFailureLimits();
  for (const decision of await Promise.all([byUsername.peek(usernameKey), byIp.peek(ipKey)])) {
    if (!decision.allowed) throw new SignInRateLimitedError(Math.ceil(decision.retryAfterMs / MS_PER_SECOND));
  }

  const user = await getUserByUsername(username);
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await Promise.all([byUsername.consume(usernameKey), byIp.consume(ipKey)]);
    return null;
  }
  await byUsername.reset(usernameKey);
  return { id: user.id, name: user.displayName };
}
