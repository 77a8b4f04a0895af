import { SlidingWindowRateLimiter } from './rate-limit';

const FIFTEEN_MINUTES_MS = 15 * 60 * 1_000;
/** Failed sign-ins allowed per username per window: enough for typos, too few for guessing. */
export const FAILURES_PER_USERNAME = 5;
/** Failed sign-ins allowed per client address per window, across all usernames. */
export const FAILURES_PER_IP = 30;

// Kept on globalThis so Next's dev hot reloads do not reset the counts.
const globalForLimits = globalThis as typeof globalThis & {
  __presentlySignInLimits?: { byUsername: SlidingWindowRateLimiter; byIp: SlidingWindowRateLimiter };
};

export const signInFailureLimits = (globalForLimits.__presentlySignInLimits ??= {
  byUsername: new SlidingWindowRateLimiter({ limit: FAILURES_PER_USERNAME, windowMs: FIFTEEN_MINUTES_MS }),
  byIp: new SlidingWindowRateLimiter({ limit: FAILURES_PER_IP, windowMs: FIFTEEN_MINUTES_MS }),
});
