import { z } from 'zod';

/** When a tab counts as idle or away (the rules). */
export type ActivityTimings = {
  /** No keyboard, mouse or touch input in the tab for this long: idle. */
  idleAfterMs: number;
  /** No input for this long: away. */
  awayAfterIdleMs: number;
  /** The tab hidden for this long: away. */
  awayAfterHiddenMs: number;
};

export const DEFAULT_ACTIVITY_TIMINGS: ActivityTimings = {
  idleAfterMs: 5 * 60_000,
  awayAfterIdleMs: 15 * 60_000,
  awayAfterHiddenMs: 60_000,
};

/**
 * A browser may shorten its own thresholds (e2e tests do, to see "away" in seconds) through this localStorage
 * key. It only changes what this browser reports about its own person, so there is nothing to protect.
 */
export const ACTIVITY_TIMINGS_STORAGE_KEY = 'presently.activity-timings';
/** Shorter than this would make a tab flap between states on every pause. */
const MIN_THRESHOLD_MS = 1_000;

const overridesSchema = z
  .object({
    idleAfterMs: z.number().int().min(MIN_THRESHOLD_MS),
    awayAfterIdleMs: z.number().int().min(MIN_THRESHOLD_MS),
    awayAfterHiddenMs: z.number().int().min(MIN_THRESHOLD_MS),
  })
  .partial();

export function readActivityTimings(storage: Pick<Storage, 'getItem'> | undefined): ActivityTimings {
  const raw = storage?.getItem(ACTIVITY_TIMINGS_STORAGE_KEY);
  if (!raw) return DEFAULT_ACTIVITY_TIMINGS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON: someone's leftover; the defaults apply.
    return DEFAULT_ACTIVITY_TIMINGS;
  }
  const overrides = overridesSchema.safeParse(parsed);
  return overrides.success ? { ...DEFAULT_ACTIVITY_TIMINGS, ...overrides.data } : DEFAULT_ACTIVITY_TIMINGS;
}
