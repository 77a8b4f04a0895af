import { SlidingWindowRateLimiter } from '@/lib/auth/rate-limit';
import { MESSAGE_WINDOW_MS, MESSAGES_PER_WINDOW } from './limits';

// On globalThis so Next's dev hot reloads do not reset the counts.
const globalForLimits = globalThis as typeof globalThis & { __presentlyMessageSendLimit?: SlidingWindowRateLimiter };

/** Messages each user may send per window, across all rooms and tabs. */
export const messageSendLimit = (globalForLimits.__presentlyMessageSendLimit ??= new SlidingWindowRateLimiter({
  limit: MESSAGES_PER_WINDOW,
  windowMs: MESSAGE_WINDOW_MS,
}));
