import { z } from 'zod';
import { parseRoomChannel, type RoomChannel } from '@/lib/rooms/channels';

/** The webhook events that change who is in a room (Pusher also sends others, such as client_event). */
const OCCUPANCY_EVENTS = new Set(['member_added', 'member_removed', 'channel_occupied', 'channel_vacated']);

const webhookEventSchema = z.object({
  name: z.string(),
  channel: z.string().optional(),
  user_id: z.union([z.string(), z.number()]).optional(),
});
export const webhookBodySchema = z.object({ time_ms: z.number(), events: z.array(z.unknown()) });

export type OccupancyChanges = {
  /** Room channels whose members changed, each once. */
  rooms: RoomChannel[];
  /** Users who left a room: their last-seen time is the webhook's time. */
  leftUserIds: string[];
};

/** What a (verified) webhook batch means for the lobby. Events it does not understand are skipped. */
export function occupancyChanges(events: readonly unknown[]): OccupancyChanges {
  const rooms = new Map<string, RoomChannel>();
  const leftUserIds = new Set<string>();
  for (const raw of events) {
    const parsed = webhookEventSchema.safeParse(raw);
    if (!parsed.success || !OCCUPANCY_EVENTS.has(parsed.data.name) || !parsed.data.channel) continue;
    const room = parseRoomChannel(parsed.data.channel);
    if (!room) continue;
    rooms.set(parsed.data.channel, room);
    if (parsed.data.name === 'member_removed' && parsed.data.user_id !== undefined) leftUserIds.add(String(parsed.data.user_id));
  }
  return { rooms: [...rooms.values()], leftUserIds: [...leftUserIds] };
}
