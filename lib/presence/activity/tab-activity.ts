import type { ActivityTimings } from './timings';

/** How present a person is: any tab with recent input makes them active. */
export type ActivityState = 'active' | 'idle' | 'away';

/** Best first: a person is as present as their most present tab. */
const RANK: Record<ActivityState, number> = { active: 0, idle: 1, away: 2 };

export type TabInput = {
  now: number;
  /** The last keyboard, mouse or touch input in this tab (ms), or when it opened. */
  lastInputAt: number;
  /** Since when the tab has been hidden (ms), or null while it is visible. */
  hiddenSince: number | null;
};

/** One tab's state now, and when it will next change by itself (null: only input or visibility can change it). */
export function tabActivity({ now, lastInputAt, hiddenSince }: TabInput, timings: ActivityTimings): { state: ActivityState; nextChangeAt: number | null } {
  const awayByHidden = hiddenSince === null ? Number.POSITIVE_INFINITY : hiddenSince + timings.awayAfterHiddenMs;
  const awayByIdle = lastInputAt + timings.awayAfterIdleMs;
  const idleAt = lastInputAt + timings.idleAfterMs;
  const awayAt = Math.min(awayByHidden, awayByIdle);
  if (now >= awayAt) return { state: 'away', nextChangeAt: null };
  if (now >= idleAt) return { state: 'idle', nextChangeAt: awayAt };
  return { state: 'active', nextChangeAt: Math.min(idleAt, awayAt) };
}

/** A person across all their tabs and devices: active if any tab is, away only if every tab is. */
export function combineActivity(states: Iterable<ActivityState>): ActivityState | null {
  let best: ActivityState | null = null;
  for (const state of states) if (best === null || RANK[state] < RANK[best]) best = state;
  return best;
}
