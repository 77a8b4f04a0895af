/**
 * Leave grace: when the server says someone left (`pusher:member_removed`, or their absence from a fresh
 * `subscription_succeeded` after our own reconnect), the room keeps them for LEAVE_GRACE_MS before it drops
 * them, announces it and changes the count. A reload or a network blip rejoins well within it, so nobody sees
 * them leave and come back; a realtime server restart (everyone reconnecting at their own pace) does not
 * empty the list and refill it.
 *
 * 8 s: a reload of a room page (navigation, server render, scripts, WebSocket, sign-in, channel auth) takes
 * 1-3 s on a desktop and up to about 5 s on a slow phone or network, and pusher-js's first reconnect attempt
 * after a dropped socket is immediate; that leaves margin, while a real departure still shows within seconds.
 */
export const LEAVE_GRACE_MS = 8_000;

/**
 * A browser may lengthen (or shorten) the grace it gives others through this localStorage key: it only changes
 * what that browser shows. e2e tests use it where a busy test machine makes a reload slower than any real one.
 */
export const LEAVE_GRACE_STORAGE_KEY = 'presently.leave-grace-ms';
const MIN_GRACE_MS = 1_000;
const MAX_GRACE_MS = 120_000;

export function readLeaveGraceMs(storage: Pick<Storage, 'getItem'> | undefined): number {
  const value = Number(storage?.getItem(LEAVE_GRACE_STORAGE_KEY) ?? Number.NaN);
  return Number.isInteger(value) && value >= MIN_GRACE_MS && value <= MAX_GRACE_MS ? value : LEAVE_GRACE_MS;
}

/**
 * Leaving on purpose: a tab whose room view closes while the tab stays (another room, the rooms list) says so on
 * the presence channel right before it unsubscribes, on the same socket (lib/presence/leaving-room.ts). When the
 * server's member_removed for that person comes within DEPARTURE_MATCH_MS of it, in either order, it was their
 * last connection in the room and they are not coming back: they are dropped at once, without the grace. A
 * reload, a closing tab or a dropped socket says nothing, so it keeps the grace.
 *
 * 3 s: the two messages leave the browser in one event-loop turn and the realtime server relays them in order
 * (a cluster through one Redis connection), so they arrive milliseconds apart; the window only has to be short
 * enough that the person's other tab in the room, reloading a few seconds later, still gets its grace.
 */
export const DEPARTURE_MATCH_MS = 3_000;

/** Who said they are leaving the room for good: user id → when we heard it (ms since epoch). */
export type AnnouncedDepartures = ReadonlyMap<string, number>;

/**
 * Whether the announcement and the server's member_removed of one person, the first heard at `firstHeardAt`
 * (undefined: not heard) and the second at `at`, are one departure.
 */
export function isOneDeparture(firstHeardAt: number | undefined, at: number): boolean {
  return firstHeardAt !== undefined && Math.abs(at - firstHeardAt) <= DEPARTURE_MATCH_MS;
}

/** A member in grace shows "reconnecting…" only after this long: a quick reload shows nothing at all. */
export const RECONNECTING_LABEL_AFTER_MS = 1_500;

/** Who is in grace: user id → when the server said they left (ms since epoch). */
export type LeavingMembers = ReadonlyMap<string, number>;

/** The ids whose grace is over at `now`. */
export function expiredLeavers(leaving: LeavingMembers, now: number, graceMs: number): string[] {
  return [...leaving].filter(([, since]) => now - since >= graceMs).map(([id]) => id);
}

/** When the next grace ends, or null when nobody is leaving. */
export function nextGraceDeadline(leaving: LeavingMembers, graceMs: number): number | null {
  let next: number | null = null;
  for (const since of leaving.values()) next = Math.min(next ?? Number.POSITIVE_INFINITY, since + graceMs);
  return next;
}

/** The ids to label "reconnecting…" at `now`. */
export function reconnectingIds(leaving: LeavingMembers, now: number): Set<string> {
  return new Set([...leaving].filter(([, since]) => now - since >= RECONNECTING_LABEL_AFTER_MS).map(([id]) => id));
}

/** When the next "reconnecting…" label appears, or null. */
export function nextReconnectingLabelAt(leaving: LeavingMembers, now: number): number | null {
  let next: number | null = null;
  for (const since of leaving.values()) {
    const at = since + RECONNECTING_LABEL_AFTER_MS;
    if (at > now) next = Math.min(next ?? Number.POSITIVE_INFINITY, at);
  }
  return next;
}

/** "Ann left", "Ann and Ben left", "Ann, Ben and Cat left". */
export function departureText(names: readonly string[]): string {
  if (names.length <= 1) return `${names[0] ?? 'Someone'} left`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} left`;
}
