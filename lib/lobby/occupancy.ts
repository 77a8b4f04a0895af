import { z } from 'zod';
import { getUserSummaries } from '@/lib/db/queries/presence';
import type { Room } from '@/lib/db/schema';
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

const channelsResponseSchema = z.object({
  channels: z.record(z.string(), z.object({ user_count: z.number().int().nonnegative().optional() })),
});
const usersResponseSchema = z.object({ users: z.array(z.object({ id: z.union([z.string(), z.number()]) })) });

export class RealtimeRestError extends Error {
  constructor(path: string, status: number) {
    super(`GET ${path} answered HTTP ${status}`);
    this.name = 'RealtimeRestError';
  }
}

async function restGet<T>(path: string, params: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
  const response = await getPusher().get({ path, params });
  if (!response.ok) throw new RealtimeRestError(path, response.status);
  return schema.parse(await response.json());
}

/** Who is on a presence channel now (REST `/channels/{name}/users`). */
export async function channelUserIds(channel: string): Promise<string[]> {
  const { users } = await restGet(`/channels/${encodeURIComponent(channel)}/users`, {}, usersResponseSchema);
  return users.map((user) => String(user.id));
}

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
  const { channels } = await restGet('/channels', { filter_by_prefix: ROOM_CHANNEL_PREFIX, info: 'user_count' }, channelsResponseSchema);
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
