import type { MemberRole } from '@/lib/db/schema';
import type { TeamMember } from '@/lib/db/queries/memberships';

/** Server events on a business room's channel when its membership changes, so every open page follows. */
export const TEAM_MEMBER_ADDED_EVENT = 'team-member-added';
export const TEAM_ROLE_CHANGED_EVENT = 'team-role-changed';
export const TEAM_MEMBER_REMOVED_EVENT = 'team-member-removed';
/**
 * User event to someone who just left a room or was removed from it: their tabs leave its channels (channel
 * authorization refuses them from now on) and say why.
 */
export const ROOM_ACCESS_REVOKED_EVENT = 'room-access-revoked';
/**
 * Invitations changed (no data: each reader re-reads what it may see). As a user event: the invitee's own list;
 * on a room's channels: its admins' list of pending invitations.
 */
export const TEAM_INVITATIONS_CHANGED_EVENT = 'team-invitations-changed';

export type TeamMemberPayload = { id: string; username: string; name: string; color: string; role: MemberRole; lastSeenAt: string | null };
export type TeamRoleChangedPayload = { userId: string; role: MemberRole };
export type TeamMemberRemovedPayload = { userId: string };
export type RoomAccessRevokedPayload = { slug: string; reason: 'removed' | 'left' };

export function toTeamMemberPayload(member: TeamMember): TeamMemberPayload {
  return { ...member, lastSeenAt: member.lastSeenAt?.toISOString() ?? null };
}
