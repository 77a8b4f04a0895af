import { getConfig } from '@/lib/config';
import { limiterFor, type LimitDecision } from '@/lib/rate-limit';

const SECONDS_PER_HOUR = 60 * 60;
const SECONDS_PER_MINUTE = 60;
/** The global cap counts every sign-up under one key. */
const EVERYONE = 'all';

export type SignUpRefusal = { reason: 'address' | 'global'; retryAfterMs: number };

/**
 * Counts one sign-up attempt against this client address (per hour) and against everyone (per minute), in the
 * shared limiter store. Attempts count whether or not they succeed: each costs a password hash.
 */
export async function consumeSignUpAttempt(clientAddress: string): Promise<SignUpRefusal | null> {
  const { perAddressPerHour, perMinute } = getConfig().signUpLimits;
  const byAddress = await limiterFor({ name: 'sign-up-ip', points: perAddressPerHour, durationSeconds: SECONDS_PER_HOUR });
  const global = await limiterFor({ name: 'sign-up-all', points: perMinute, durationSeconds: SECONDS_PER_MINUTE });
  const fromAddress: LimitDecision = await byAddress.consume(clientAddress);
  if (!fromAddress.allowed) return { reason: 'address', retryAfterMs: fromAddress.retryAfterMs };
  const fromEveryone = await global.consume(EVERYONE);
  if (!fromEveryone.allowed) return { reason: 'global', retryAfterMs: fromEveryone.retryAfterMs };
  return null;
}
