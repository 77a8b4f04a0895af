import type { RoomForUser } from '@/lib/db/queries/rooms';
import { describePusherError } from '@/lib/pusher/describe-error';
import { lobbyChannelFor } from './channels';
import { fetchOccupancies } from './occupancy';
import type { RoomOccupancy } from './occupancy-types';

/**
 * What the rooms page needs for live occupancy: the lobby channels this user may follow (hobby rooms, and
 * the business rooms they belong to) and the occupancy right now. If the realtime server cannot be asked,
 * the page still renders, with counts arriving as webhooks come in.
 */
export async function initialLobby(rooms: readonly RoomForUser[]): Promise<{ channels: string[]; occupancy: RoomOccupancy[] }> {
  const visible = rooms.filter((room) => room.canJoin);
  const channels = [...new Set(visible.map(lobbyChannelFor))];
  try {
    return { channels, occupancy: await fetchOccupancies(visible) };
  } catch (error) {
    console.error(`[lobby] could not read room occupancy: ${describePusherError(error)}`);
    return { channels, occupancy: [] };
  }
}
