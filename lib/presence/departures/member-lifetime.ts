import { useEffect, useMemo, useState } from 'react';

/**
 * Where it is decided that a member has left a room, in this browser. One member's lifetime:
 *
 *   present ──server: member_removed, or missing from a fresh list──▶ in grace ──LEAVE_GRACE_MS──▶ gone
 *      ▲                                                               │ ("reconnecting…" after
 *      └────────────── server: member_added, or listed again ◀─────────┘  RECONNECTING_LABEL_AFTER_MS)
 *
 *   a leaving word (client-leaving-room, client-going-offline), heard at t:
 *      alone                      ▶ nothing changes: the server still lists them, so a forged or lost word
 *                                   hides nobody (issue 17 item 10); the word lapses after the match window
 *      + the server's removal     ▶ gone at once, no grace, when the two come within the feed's match window
 *        (member_removed or a        (DEPARTURE_MATCH_MS on the presence channel; onlookers hear both later,
 *        fresh list without them)    through the app's webhook mirror, see ONLOOKER_DEPARTURE_MATCH_MS)
 *
 * Everything here is pure (times are passed in); the two hooks at the end are the machine's only timers.
 */

/**
 * Leave grace: when the server says someone left, the room keeps them for LEAVE_GRACE_MS before it drops them,
 * announces it and changes the count. A reload or a network blip rejoins well within it, so nobody sees them
 * leave and come back; a realtime server restart (everyone reconnecting at their own pace) does not empty the
 * list and refill it.
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
 * Leaving on purpose: a tab whose room view closes while the tab stays (another room, the rooms list), or whose
 * person turns on "Appear offline", says so on the presence channel right before it unsubscribes, on the same
 * socket. When the server's removal of that person comes within DEPARTURE_MATCH_MS of it, in either order, it
 * was their last connection in the room and they are not coming back: they are dropped at once. A reload, a
 * closing tab or a dropped socket says nothing, so it keeps the grace.
 *
 * 3 s: the two messages leave the browser in one event-loop turn and the realtime server relays them in order
 * (a cluster through one Redis connection), so they arrive milliseconds apart; the window only has to be short
 * enough that the person's other tab in the room, reloading a few seconds later, still gets its grace.
 */
export const DEPARTURE_MATCH_MS = 3_000;
/**
 * Pusher (and our server, REALTIME_WEBHOOK_LEAVE_DELAY_MS) holds member_removed webhooks about 3 s, so on the
 * onlooker channel's mirror the removal follows the word by that much more than on the presence channel.
 */
const WEBHOOK_LEAVE_HOLD_MS = 3_000;
export const ONLOOKER_DEPARTURE_MATCH_MS = DEPARTURE_MATCH_MS + WEBHOOK_LEAVE_HOLD_MS;

/** A member in grace shows "reconnecting…" only after this long: a quick reload shows nothing at all. */
export const RECONNECTING_LABEL_AFTER_MS = 1_500;

/** user id → when (ms since epoch). */
export type HeardAt = ReadonlyMap<string, number>;

/** Every member's place in the machine, beside the member list itself. */
export type Lifetimes = {
  /** In grace: since when the server said they left. */
  leaving: HeardAt;
  /** Said a leaving word: when it was heard. */
  departing: HeardAt;
  /** The server's last member_removed for each user (their tabs are all gone then, see use-room-activity.ts). */
  removedAt: HeardAt;
  /** How far apart a leaving word and the server's removal may arrive on this feed and still be one departure. */
  matchMs: number;
};

/** What an input did: the new lifetimes, and who is gone for good now (to remove and announce). */
export type Verdict = { lifetimes: Lifetimes; gone: string[] };

export function initialLifetimes(matchMs: number = DEPARTURE_MATCH_MS): Lifetimes {
  return { leaving: new Map(), departing: new Map(), removedAt: new Map(), matchMs };
}

function without(map: HeardAt, id: string): HeardAt {
  if (!map.has(id)) return map;
  const next = new Map(map);
  next.delete(id);
  return next;
}

function isOneDeparture(lifetimes: Lifetimes, firstHeardAt: number | undefined, at: number): boolean {
  return firstHeardAt !== undefined && Math.abs(at - firstHeardAt) <= lifetimes.matchMs;
}

/** The server says they left (member_removed) at `at`. */
export function serverRemoved(lifetimes: Lifetimes, id: string, at: number): Verdict {
  const removedAt = new Map(lifetimes.removedAt).set(id, at);
  // They said they were leaving for good, just before: not coming back.
  if (isOneDeparture(lifetimes, lifetimes.departing.get(id), at)) return { lifetimes: { ...lifetimes, removedAt }, gone: [id] };
  const leaving = lifetimes.leaving.has(id) ? lifetimes.leaving : new Map(lifetimes.leaving).set(id, at);
  return { lifetimes: { ...lifetimes, leaving, removedAt, departing: without(lifetimes.departing, id) }, gone: [] };
}

/** They said they are leaving (the in-app word, or turning on "Appear offline"), heard at `at`. */
export function leavingWord(lifetimes: Lifetimes, id: string, at: number): Verdict {
  // The server's removal came first: the grace it started is for a reload, and this is none.
  if (isOneDeparture(lifetimes, lifetimes.leaving.get(id), at)) return { lifetimes, gone: [id] };
  // Said by a tab that may not be their last one here, or by someone who stays: only the server's removal makes it one.
  return { lifetimes: { ...lifetimes, departing: new Map(lifetimes.departing).set(id, at) }, gone: [] };
}

/** They are here (member_added, or listed in a fresh list): back within their grace, as if they never left. */
export function serverAdded(lifetimes: Lifetimes, id: string): Lifetimes {
  const leaving = without(lifetimes.leaving, id);
  const departing = without(lifetimes.departing, id);
  return leaving === lifetimes.leaving && departing === lifetimes.departing ? lifetimes : { ...lifetimes, leaving, departing };
}

/**
 * A fresh list from the server at `at` (after our own (re)subscription): `missing` are the people we knew who are
 * not on it. They may just not have reconnected yet (after a realtime server restart everyone comes back at their
 * own pace), so they get a grace, unless they said a leaving word just before.
 */
export function serverListed(lifetimes: Lifetimes, listed: Iterable<string>, missing: readonly string[], at: number): Verdict {
  let current = lifetimes;
  for (const id of listed) current = serverAdded(current, id);
  const gone: string[] = [];
  const leaving = new Map<string, number>();
  for (const id of missing) {
    if (isOneDeparture(current, current.departing.get(id), at)) gone.push(id);
    else leaving.set(id, current.leaving.get(id) ?? at);
  }
  return { lifetimes: { ...current, leaving }, gone };
}

/** Whose grace is over at `now`. */
export function graceOver(lifetimes: Lifetimes, now: number, graceMs: number): string[] {
  return [...lifetimes.leaving].filter(([, since]) => now - since >= graceMs).map(([id]) => id);
}

/** Forgets these members (removed for good). */
export function forget(lifetimes: Lifetimes, ids: readonly string[]): Lifetimes {
  let { leaving, departing } = lifetimes;
  for (const id of ids) {
    leaving = without(leaving, id);
    departing = without(departing, id);
  }
  return leaving === lifetimes.leaving && departing === lifetimes.departing ? lifetimes : { ...lifetimes, leaving, departing };
}

/** When the next grace ends, or null when nobody is leaving. */
export function nextGraceDeadline(leaving: HeardAt, graceMs: number): number | null {
  let next: number | null = null;
  for (const since of leaving.values()) next = Math.min(next ?? Number.POSITIVE_INFINITY, since + graceMs);
  return next;
}

/** The ids to label "reconnecting…" at `now`. */
export function reconnectingIds(leaving: HeardAt, now: number): Set<string> {
  return new Set([...leaving].filter(([, since]) => now - since >= RECONNECTING_LABEL_AFTER_MS).map(([id]) => id));
}

/** When the next "reconnecting…" label appears, or null. */
export function nextReconnectingLabelAt(leaving: HeardAt, now: number): number | null {
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

/** Timer: calls `onExpired(now)` whenever the earliest leave grace ends (re-armed as the leaving set changes). */
export function useGraceExpiry(leaving: HeardAt, graceMs: number, onExpired: (now: number) => void): void {
  useEffect(() => {
    const deadline = nextGraceDeadline(leaving, graceMs);
    if (deadline === null) return;
    const timer = setTimeout(() => onExpired(Date.now()), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [leaving, graceMs, onExpired]);
}

/** Timer: the members to show as "reconnecting…" (in grace for longer than a moment). */
export function useReconnecting(leaving: HeardAt): ReadonlySet<string> {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const next = nextReconnectingLabelAt(leaving, Date.now());
    if (next === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [leaving, now]);
  return useMemo(() => reconnectingIds(leaving, now), [leaving, now]);
}
