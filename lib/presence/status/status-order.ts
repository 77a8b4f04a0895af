/** A status as stored on the server: the text and when it was last set (ISO 8601), null when never set. */
export type StatusStamp = { status: string; statusUpdatedAt: string | null };

function timeOf(stamp: string | null): number {
  if (stamp === null) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(stamp);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** Newest wins: true only when `candidate` was set strictly later than `current`. */
export function isNewerStatus(candidate: StatusStamp, current: StatusStamp | undefined): boolean {
  if (!current) return true;
  return timeOf(candidate.statusUpdatedAt) > timeOf(current.statusUpdatedAt);
}
