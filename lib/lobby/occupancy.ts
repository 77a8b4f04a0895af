import { getUserSummaries } from '@/lib/db/queries/presence';
import type { Room } from '@/lib/db/schema';
import { channelUserIds, occupiedChannels } from '@/lib/pusher/channel-users';
import { getPusher } from '@/lib/pusher/server';
import { roomChannelName } from '@/lib/rooms/channels';
import { lobbyChannelFor, OCCUPANCY_EVENT } from './channels';
import { LOBBY_AVATARS_SHOWN, type RoomOccupancy } from './occupancy-types';

/**
 * Room occupancy comes from the realtime server's REST API, the source of truth: the rooms page asks it when it
 * renders (so a restarted app is right at once) and the webhook handler asks it again for every room a webhook
 * names (so a lost or reordered webhook cannot leave a stale count behind).
 */
const ROOM_CHANNEL_PREFIX = 'presence-';

async function summarize(slug: string, ids: string[], asOf: number): Promise<RoomOccupancy> {
  const shown = ids.slice(0, LOBBY_AVATARS_SHOWN);
  const summaries = await getUserSummaries(shown);
  const people = shown.flatMap((id) => {
    const summary = summaries.get(id);
    return summary ? [{ id, ...summary }] : [];
  });
  return { slug, count: ids.length, people, asOf };
}

/** Occupancy of one room, straight from the realtime server. */
export async function fetchRoomOccupancy(room: Pick<Room, 'kind' | 'slug'>): Promise<RoomOccupancy> {
  const asOf = Date.now();
  return summarize(room.slug, await channelUserIds(roomChannelName(room)), asOf);
}

/** Occupancy of the given rooms: one call lists occupied channels, then one per occupied room for its members. */
export async function fetchOccupancies(rooms: readonly Pick<Room, 'kind' | 'slug'>[]): Promise<RoomOccupancy[]> {
  const asOf = Date.now();
  const channels = await occupiedChannels(ROOM_CHANNEL_PREFIX, true);
  return Promise.all(
    rooms.map((room) => {
      const channel = roomChannelName(room);
      return channel in channels ? fetchRoomOccupancy(room) : Promise.resolve({ slug: room.slug, count: 0, people: [], asOf });
    }),
  );
}

/** Tells the room's lobby channel who is in it now. */
export async function publishRoomOccupancy(room: Pick<Room, 'kind' | 'slug'>): Promise<void> {
  const occupancy = await fetchRoomOccupancy(room);
  await getPusher().trigger(lobbyChannelFor(room), OCCUPANCY_EVENT, occupancy);
}
