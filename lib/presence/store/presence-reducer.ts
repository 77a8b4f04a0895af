import type { MemberInfo } from '@/lib/presence/member-info';
import {
  departureText,
  forget,
  graceOver,
  initialLifetimes,
  LEAVE_GRACE_MS,
  leavingWord,
  serverAdded,
  serverListed,
  serverRemoved,
  type Lifetimes,
  type Verdict,
} from '@/lib/presence/departures/member-lifetime';
import { isNewerStatus, type StatusStamp } from '@/lib/presence/status/status-order';

export type PresenceMember = { id: string; info: MemberInfo };

export type SubscriptionPhase = 'subscribing' | 'subscribed' | 'failed';

export type Announcement = { id: number; text: string };

export type PresenceState = {
  myId: string;
  phase: SubscriptionPhase;
  /** Why the subscription failed, for the person to read. */
  failure: string | null;
  /** Who is here, by user id, in the order they arrived. */
  members: ReadonlyMap<string, MemberInfo>;
  /**
   * The newest status seen for each user, kept across resubscriptions: the `user_info` a server replays in
   * `subscription_succeeded` was captured when each member subscribed and may be older than what we know.
   */
  latestStatus: ReadonlyMap<string, StatusStamp>;
  /** Where each member is in their lifetime (in grace, said a leaving word, last removed): see member-lifetime.ts. */
  lifetimes: Lifetimes;
  /** How long that grace is in this browser. */
  graceMs: number;
  /** Rows to highlight: user id → a token that changes on every new highlight. */
  highlights: ReadonlyMap<string, number>;
  announcement: Announcement | null;
  /** Monotonic counter for announcement and highlight tokens. */
  sequence: number;
};

export type PresenceAction =
  /** `departureMatchMs`: the feed's window for a leaving word and the server's removal (member-lifetime.ts). */
  | { type: 'subscribing'; departureMatchMs?: number }
  /** `at`: now (ms); anyone we knew who is missing from the list gets a leave grace from then. */
  | { type: 'subscription_succeeded'; members: PresenceMember[]; at: number }
  | { type: 'subscription_failed'; message: string }
  | { type: 'member_added'; member: PresenceMember }
  /** The server says they left: kept in grace from `at` (ms), not removed yet. */
  | { type: 'member_removed'; id: string; at: number }
  /**
   * They said a leaving word (lib/presence/departures/leaving-words.ts), heard at `at` (ms): with the server's
   * removal, in either order, within the feed's match window, they are removed at once, no grace. Alone, nothing.
   */
  | { type: 'member_leaving'; id: string; at: number }
  /** Drops (and announces) everyone whose grace is over at `now`. */
  | { type: 'grace_expired'; now: number }
  /** A status change broadcast live (client event, or our own save); highlights the row when it is news. */
  | { type: 'status_update'; id: string; stamp: StatusStamp; highlight: boolean }
  /** Statuses fetched from the server to correct stale `user_info`; never highlights. */
  | { type: 'status_corrections'; statuses: Record<string, StatusStamp> };

export function initialPresenceState(me: PresenceMember, graceMs: number = LEAVE_GRACE_MS): PresenceState {
  return {
    myId: me.id,
    phase: 'subscribing',
    failure: null,
    members: new Map([[me.id, me.info]]),
    lifetimes: initialLifetimes(),
    graceMs,
    latestStatus: new Map([[me.id, stampOf(me.info)]]),
    highlights: new Map(),
    announcement: null,
    sequence: 0,
  };
}

function stampOf(info: MemberInfo): StatusStamp {
  return { status: info.status, statusUpdatedAt: info.statusUpdatedAt };
}

/** The member's info with the newest status we know of. */
function withNewestStatus(info: MemberInfo, known: StatusStamp | undefined): MemberInfo {
  if (!known || !isNewerStatus(known, stampOf(info))) return info;
  return { ...info, status: known.status, statusUpdatedAt: known.statusUpdatedAt };
}

function rememberStatus(latest: ReadonlyMap<string, StatusStamp>, id: string, stamp: StatusStamp): ReadonlyMap<string, StatusStamp> {
  if (!isNewerStatus(stamp, latest.get(id))) return latest;
  return new Map(latest).set(id, stamp);
}

function announce(state: PresenceState, text: string): Pick<PresenceState, 'announcement' | 'sequence'> {
  const sequence = state.sequence + 1;
  return { sequence, announcement: { id: sequence, text } };
}

function applyStatus(state: PresenceState, id: string, stamp: StatusStamp, highlight: boolean): PresenceState {
  const latestStatus = rememberStatus(state.latestStatus, id, stamp);
  const info = state.members.get(id);
  if (!info || !isNewerStatus(stamp, stampOf(info))) return latestStatus === state.latestStatus ? state : { ...state, latestStatus };
  const members = new Map(state.members).set(id, { ...info, ...stamp });
  if (!highlight) return { ...state, members, latestStatus };
  const sequence = state.sequence + 1;
  return { ...state, members, latestStatus, sequence, highlights: new Map(state.highlights).set(id, sequence) };
}

/** Removes these members for good, announcing them in one line. */
function removeMembers(state: PresenceState, ids: readonly string[]): PresenceState {
  const names: string[] = [];
  const members = new Map(state.members);
  const highlights = new Map(state.highlights);
  for (const id of ids) {
    const info = members.get(id);
    if (!info) continue;
    names.push(info.name);
    members.delete(id);
    highlights.delete(id);
  }
  const lifetimes = forget(state.lifetimes, ids);
  if (names.length === 0) return lifetimes === state.lifetimes ? state : { ...state, lifetimes };
  return { ...state, ...announce(state, departureText(names)), members, lifetimes, highlights };
}

/** Applies what the member lifetime machine decided. */
function apply(state: PresenceState, { lifetimes, gone }: Verdict): PresenceState {
  return removeMembers({ ...state, lifetimes }, gone);
}

export function presenceReducer(state: PresenceState, action: PresenceAction): PresenceState {
  switch (action.type) {
    case 'subscribing': {
      const matchMs = action.departureMatchMs ?? state.lifetimes.matchMs;
      const lifetimes = matchMs === state.lifetimes.matchMs ? state.lifetimes : { ...state.lifetimes, matchMs };
      return { ...state, phase: 'subscribing', failure: null, lifetimes };
    }

    case 'subscription_succeeded': {
      // The server's list is the truth; who is missing from it is for the lifetime machine (a grace, or gone).
      let latestStatus = state.latestStatus;
      const members = new Map<string, MemberInfo>();
      for (const { id, info } of action.members) {
        latestStatus = rememberStatus(latestStatus, id, stampOf(info));
        members.set(id, withNewestStatus(info, latestStatus.get(id)));
      }
      const listed = [...members.keys()];
      const missing: string[] = [];
      for (const [id, info] of state.members) {
        // We are always here to ourselves, even when following the room without being a member (appearing offline).
        if (id === state.myId && !members.has(id)) members.set(id, info);
        if (members.has(id)) continue;
        members.set(id, info);
        missing.push(id);
      }
      const verdict = serverListed(state.lifetimes, listed, missing, action.at);
      return apply({ ...state, phase: 'subscribed', failure: null, members, latestStatus, highlights: new Map() }, verdict);
    }

    case 'subscription_failed':
      return { ...state, phase: 'failed', failure: action.message };

    case 'member_added': {
      const { id, info } = action.member;
      const latestStatus = rememberStatus(state.latestStatus, id, stampOf(info));
      // Back within their grace (a reload, a blip): as if they never left, so no announcement.
      const known = state.members.has(id);
      const members = new Map(state.members).set(id, withNewestStatus(info, latestStatus.get(id)));
      const announced = known || id === state.myId ? {} : announce(state, `${info.name} joined`);
      return { ...state, ...announced, members, latestStatus, lifetimes: serverAdded(state.lifetimes, id) };
    }

    case 'member_removed': {
      const { id, at } = action;
      if (!state.members.has(id) || id === state.myId) return state;
      return apply(state, serverRemoved(state.lifetimes, id, at));
    }

    case 'member_leaving': {
      const { id, at } = action;
      if (!state.members.has(id) || id === state.myId) return state;
      return apply(state, leavingWord(state.lifetimes, id, at));
    }

    case 'grace_expired':
      return removeMembers(state, graceOver(state.lifetimes, action.now, state.graceMs));

    case 'status_update':
      return applyStatus(state, action.id, action.stamp, action.highlight);

    case 'status_corrections':
      return Object.entries(action.statuses).reduce(
        (current, [id, stamp]) => applyStatus(current, id, stamp, false),
        state,
      );
  }
}

/** Members for display: you first, then everyone else in the order they arrived. */
export function orderedMembers(state: PresenceState): PresenceMember[] {
  const me = state.members.get(state.myId);
  const others = [...state.members].filter(([id]) => id !== state.myId).map(([id, info]) => ({ id, info }));
  return me ? [{ id: state.myId, info: me }, ...others] : others;
}
