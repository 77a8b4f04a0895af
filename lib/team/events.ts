import type { MemberRole } from '@/lib/db/schema';
import type { TeamMember } from '@/lib/db/queries/memberships';

/** Server events on a business room's channel when its membership changes, so every open page follows. */
export const TEAM_MEMBER_ADDED_EVENT = 'team-member-added';
export const TEAM_ROLE_CHANGED_EVENT = 'team-role-changed';
export const TEAM_MEMBER_REMOVED_EVENT = 'team-member-removed';
/** User event to someone just removed from a room, so their page can say so before the server drops them. */
export const ROOM_ACCESS_REVOKED_EVENT = 'room-access-revoked';

export type TeamMemberPayload = { id: string; username: string; name: string; color: string; role: MemberRole; lastSeenAt: string | null };
export type TeamRoleChangedPayload = { userId: string; role: MemberRole };
export type TeamMemberRemovedPayload = { userId: string };
export type RoomAccessRevokedPayload = { slug: string };

export function toTeamMemberPayload(member: TeamMember): TeamMemberPayload {
  return { ...member, lastSeenAt: member.lastSeenAt?.toISOString() ?? null };
}
