import { TooManyRequestsError } from '@/lib/http/errors';
import type { LimitSpec } from './limiter';
import { limiterFor } from './index';

const MINUTE_SECONDS = 60;
const HOUR_SECONDS = 60 * MINUTE_SECONDS;

/** Status saves per user per minute: an inline edit saves once per Enter or blur. */
export const STATUS_UPDATES_PER_MINUTE = 30;
/** "Appear offline" switches per user per minute; each one tells every contact to re-read their list. */
export const APPEAR_OFFLINE_CHANGES_PER_MINUTE = 10;
/** Rooms a user may create per hour. */
export const ROOMS_CREATED_PER_HOUR = 20;
/** Team changes (remove, leave, role) per user per minute, across rooms. */
export const TEAM_CHANGES_PER_MINUTE = 30;
/** Invitations each admin may send per hour, across rooms, tabs and replicas (also bounds username probing). */
export const INVITES_PER_HOUR = 30;
/** Message deletions per user per minute (an admin tidying up a room stays below it). */
export const MESSAGE_DELETIONS_PER_MINUTE = 60;

/** Every per-user write limit of the API besides sending messages (lib/chat/send-limit.ts) and goodbyes. */
export const WRITE_LIMITS = {
  status: { name: 'write-status', points: STATUS_UPDATES_PER_MINUTE, durationSeconds: MINUTE_SECONDS },
  appearOffline: { name: 'write-appear-offline', points: APPEAR_OFFLINE_CHANGES_PER_MINUTE, durationSeconds: MINUTE_SECONDS },
  roomCreation: { name: 'write-room-creation', points: ROOMS_CREATED_PER_HOUR, durationSeconds: HOUR_SECONDS },
  teamChange: { name: 'write-team-change', points: TEAM_CHANGES_PER_MINUTE, durationSeconds: MINUTE_SECONDS },
  invitation: { name: 'team-invite', points: INVITES_PER_HOUR, durationSeconds: HOUR_SECONDS },
  messageDeletion: { name: 'write-message-deletion', points: MESSAGE_DELETIONS_PER_MINUTE, durationSeconds: MINUTE_SECONDS },
} as const satisfies Record<string, LimitSpec>;

/**
 * Counts one write of `key` (the user's id) against `spec` in the shared limiter store (every replica counts
 * together) and refuses it with 429 and Retry-After once the window's allowance is spent. One line per route.
 */
export async function enforceWriteLimit(spec: LimitSpec, key: string, message = 'You are doing that too often; wait a moment.'): Promise<void> {
  const decision = await (await limiterFor(spec)).consume(key);
  if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterMs, message);
}
