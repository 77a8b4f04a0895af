import { getTeammateIds } from '@/lib/db/queries/memberships';
import { channelUserIds, occupiedChannels } from '@/lib/pusher/channel-users';
import { parseRoomChannel } from '@/lib/rooms/channels';

const HOBBY_CHANNEL_PREFIX = 'presence-hobby-';

/**
 * Which of these users share a room with the caller, and so may see each other's status: themselves, their
 * business teammates (from the database), and whoever is in a hobby room's presence together with the caller
 * right now (from the realtime server, the one source every replica sees alike). Hobby rooms are checked one by
 * one only for ids the teams did not already settle, and only until every id is settled.
 */
export async function usersSharingARoomWith(callerId: string, ids: readonly string[]): Promise<Set<string>> {
  const visible = await getTeammateIds(callerId, ids);
  if (ids.includes(callerId)) visible.add(callerId);
  let unsettled = ids.filter((id) => !visible.has(id));
  if (unsettled.length === 0) return visible;

  for (const channel of Object.keys(await occupiedChannels(HOBBY_CHANNEL_PREFIX))) {
    if (parseRoomChannel(channel)?.kind !== 'hobby') continue;
    const present = new Set(await channelUserIds(channel));
    if (!present.has(callerId)) continue;
    for (const id of unsettled) if (present.has(id)) visible.add(id);
    unsettled = unsettled.filter((id) => !visible.has(id));
    if (unsettled.length === 0) break;
  }
  return visible;
}
