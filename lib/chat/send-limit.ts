import { limiterFor, type Limiter } from '@/lib/rate-limit';
import { MESSAGE_WINDOW_MS, MESSAGES_PER_WINDOW } from './limits';

const MS_PER_SECOND = 1_000;

/** Messages each user may send per window, across all rooms, tabs and replicas. */
export function messageSendLimit(): Promise<Limiter> {
  return limiterFor({ name: 'chat-send', points: MESSAGES_PER_WINDOW, durationSeconds: MESSAGE_WINDOW_MS / MS_PER_SECOND });
}
