const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Below this, a time reads "just now". */
const JUST_NOW_MS = 45 * SECOND_MS;
const WEEK_DAYS = 7;

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date. */
export function formatRelative(iso: string, now: number): string {
  const elapsed = now - new Date(iso).getTime();
  if (elapsed < JUST_NOW_MS) return 'just now';
  if (elapsed < HOUR_MS) return `${Math.round(elapsed / MINUTE_MS)} min ago`;
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h ago`;
  if (elapsed < WEEK_DAYS * DAY_MS) return `${Math.floor(elapsed / DAY_MS)} d ago`;
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatExact(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' });
}
