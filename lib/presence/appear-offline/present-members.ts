import { getMemberSources } from '@/lib/db/queries/presence';
import { listTeamMembers } from '@/lib/db/queries/memberships';
import type { Room } from '@/lib/db/schema';
import { channelUserIds } from '@/lib/pusher/channel-users';
import { memberInfoFor, type MemberInfo } from '@/lib/presence/member-info';
import { roomChannelName } from '@/lib/rooms/channels';

export type PresentMemberPayload = { id: string; info: MemberInfo };

/**
 * Who is in a room now, with the info members see: what an onlooker gets instead of `subscription_succeeded`.
 * From the realtime server's REST API (the source of truth) and the database (names, statuses, roles).
 */
export async function listPresentMembers(room: Pick<Room, 'id' | 'kind' | 'slug'>): Promise<PresentMemberPayload[]> {
  const ids = await channelUserIds(roomChannelName(room));
  const sources = await getMemberSources(ids);
  const roles = room.kind === 'business' ? new Map((await listTeamMembers(room.id)).map((member) => [member.id, member.role])) : null;
  return ids.flatMap((id) => {
    const source = sources.get(id);
    if (!source) return [];
    const role = roles?.get(id);
    // A business room's channel may briefly hold someone just removed from the team: not shown, as for members.
    if (roles && !role) return [];
    return [{ id, info: memberInfoFor(source, role) }];
  });
}
