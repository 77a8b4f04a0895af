import { limiterFor, type Limiter, type LimitSpec } from '@/lib/rate-limit';

const FIFTEEN_MINUTES_SECONDS = 15 * 60;
/** Failed sign-ins allowed per username per window: enough for typos, too few for guessing. */
export const FAILURES_PER_USERNAME = 5;
/** Failed sign-ins allowed per client address per window, across all usernames. */
export const FAILURES_PER_IP = 30;

const BY_USERNAME: LimitSpec = { name: 'sign-in-user', points: FAILURES_PER_USERNAME, durationSeconds: FIFTEEN_MINUTES_SECONDS };
const BY_ADDRESS: LimitSpec = { name: 'sign-in-ip', points: FAILURES_PER_IP, durationSeconds: FIFTEEN_MINUTES_SECONDS };

/** Failed sign-ins counted per username and per client address, in the shared limiter store. */
export async function signInFailureLimits(): Promise<{ byUsername: Limiter; byIp: Limiter }> {
  const [byUsername, byIp] = await Promise.all([limiterFor(BY_USERNAME), limiterFor(BY_ADDRESS)]);
  return { byUsername, byIp };
}
