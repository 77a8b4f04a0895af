import type { MemberInfo } from '@/lib/presence/member-info';
import { isNewerStatus, type StatusStamp } from './status-order';

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
  /** Rows to highlight: user id → a token that changes on every new highlight. */
  highlights: ReadonlyMap<string, number>;
  announcement: Announcement | null;
  /** Monotonic counter for announcement and highlight tokens. */
  sequence: number;
};

export type PresenceAction =
  | { type: 'subscribing' }
  | { type: 'subscription_succeeded'; members: PresenceMember[] }
  | { type: 'subscription_failed'; message: string }
  | { type: 'member_added'; member: PresenceMember }
  | { type: 'member_removed'; id: string }
  /** A status change broadcast live (client event, or our own save); highlights the row when it is news. */
  | { type: 'status_update'; id: string; stamp: StatusStamp; highlight: boolean }
  /** Statuses fetched from the server to correct stale `user_info`; never highlights. */
  | { type: 'status_corrections'; statuses: Record<string, StatusStamp> };

export function initialPresenceState(me: PresenceMember): PresenceState {
  return {
    myId: me.id,
    phase: 'subscribing',
    failure: null,
    members: new Map([[me.id, me.info]]),
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

export function presenceReducer(state: PresenceState, action: PresenceAction): PresenceState {
  switch (action.type) {
    case 'subscribing':
      return { ...state, phase: 'subscribing', failure: null };

    case 'subscription_succeeded': {
      // A full reset: after a reconnect the server's list is the truth, so nobody from before survives.
      let latestStatus = state.latestStatus;
      const members = new Map<string, MemberInfo>();
      for (const { id, info } of action.members) {
        latestStatus = rememberStatus(latestStatus, id, stampOf(info));
        members.set(id, withNewestStatus(info, latestStatus.get(id)));
      }
      return { ...state, phase: 'subscribed', failure: null, members, latestStatus, highlights: new Map() };
    }

    case 'subscription_failed':
      return { ...state, phase: 'failed', failure: action.message };

    case 'member_added': {
      const { id, info } = action.member;
      const latestStatus = rememberStatus(state.latestStatus, id, stampOf(info));
      const known = state.members.has(id);
      const members = new Map(state.members).set(id, withNewestStatus(info, latestStatus.get(id)));
      const announced = known || id === state.myId ? {} : announce(state, `${info.name} joined`);
      return { ...state, ...announced, members, latestStatus };
    }

    case 'member_removed': {
      const info = state.members.get(action.id);
      if (!info || action.id === state.myId) return state;
      const members = new Map(state.members);
      members.delete(action.id);
      const highlights = new Map(state.highlights);
      highlights.delete(action.id);
      return { ...state, ...announce(state, `${info.name} left`), members, highlights };
    }

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
