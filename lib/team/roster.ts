import type { MemberInfo } from '@/lib/presence/member-info';
import type { TeamMemberPayload } from './events';

/** Someone present on the room's channel, as the presence state knows them. */
export type PresentMember = { id: string; info: MemberInfo };

/** A team member who is not here: greyed in the list, with when they were last seen. */
export type AbsentMember = { id: string; info: MemberInfo; lastSeenAt: string | null };

export type TeamView = {
  /** Present members who belong to the team, in presence order, with their role from the roster. */
  online: PresentMember[];
  /** Everyone else on the roster: most recently seen first, never-seen last, then by name. */
  offline: AbsentMember[];
};

function isAdmin(member: TeamMemberPayload): boolean {
  return member.role === 'admin';
}

function byLastSeenThenName(a: AbsentMember, b: AbsentMember): number {
  if (a.lastSeenAt !== b.lastSeenAt) {
    if (a.lastSeenAt === null) return 1;
    if (b.lastSeenAt === null) return -1;
    return Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt);
  }
  return a.info.name.localeCompare(b.info.name);
}

/**
 * A business room's member list: the roster (from the database, kept live by team-* events) says who belongs
 * and their role; presence says who is online and their live status. The `isAdmin` in a member's `user_info`
 * was captured when they subscribed and goes stale on a role change, so the roster's role always wins, and
 * someone present but no longer on the roster (just removed) is not shown.
 *
 * `leftAt` holds departures seen live on this page, fresher than the roster's server-rendered last-seen time.
 */
export function mergeRosterWithPresence(
  roster: readonly TeamMemberPayload[],
  present: readonly PresentMember[],
  leftAt: ReadonlyMap<string, string> = new Map(),
): TeamView {
  const byId = new Map(roster.map((member) => [member.id, member]));
  const online: PresentMember[] = [];
  for (const member of present) {
    const onRoster = byId.get(member.id);
    if (onRoster) online.push({ id: member.id, info: { ...member.info, isAdmin: isAdmin(onRoster) } });
  }
  const here = new Set(online.map((member) => member.id));
  const offline = roster
    .filter((member) => !here.has(member.id))
    .map(
      (member): AbsentMember => ({
        id: member.id,
        info: { name: member.name, color: member.color, status: '', statusUpdatedAt: null, isAdmin: isAdmin(member) },
        lastSeenAt: newerTime(leftAt.get(member.id), member.lastSeenAt),
      }),
    )
    .sort(byLastSeenThenName);
  return { online, offline };
}

function newerTime(a: string | undefined | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Roster changes carried by team-* events and re-reads of the whole roster. */
export type RosterAction =
  | { type: 'replaced'; members: TeamMemberPayload[] }
  | { type: 'added'; member: TeamMemberPayload }
  | { type: 'role_changed'; userId: string; role: TeamMemberPayload['role'] }
  | { type: 'removed'; userId: string };

export function rosterReducer(roster: TeamMemberPayload[], action: RosterAction): TeamMemberPayload[] {
  switch (action.type) {
    case 'replaced':
      return action.members;
    case 'added':
      return [...roster.filter((member) => member.id !== action.member.id), action.member];
    case 'role_changed':
      return roster.map((member) => (member.id === action.userId ? { ...member, role: action.role } : member));
    case 'removed':
      return roster.filter((member) => member.id !== action.userId);
  }
}
