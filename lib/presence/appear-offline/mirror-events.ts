import { z } from 'zod';
import { STATUS_CLIENT_EVENT } from '@/lib/presence/status/status-events';
import { BEACON_CLIENT_EVENT } from '@/lib/presence/beacons';
import { LEAVING_WORDS } from '@/lib/presence/departures/leaving-words';
import { parseRoomChannel, type RoomChannel } from '@/lib/rooms/channels';

/**
 * What an onlooker (someone following a room on its onlooker channel, see lib/rooms/channels.ts) needs of the
 * presence channel they are not a member of: who joins and leaves, and the client events that carry statuses,
 * activity and the leaving words (so an onlooker drops someone who went to another room at once, as members do). The app learns them from the realtime server's webhooks (member_added, member_removed,
 * client_event) and republishes them on the onlooker channel as one `presence-mirror` event per room and batch.
 */
export const MIRROR_EVENT = 'presence-mirror';

/** The client events an onlooker gets; typing is not among them (see the README: typing is for members). */
export const MIRRORED_CLIENT_EVENTS: ReadonlySet<string> = new Set([STATUS_CLIENT_EVENT, BEACON_CLIENT_EVENT, ...LEAVING_WORDS]);

/** Pusher's limit on a client event's data is 10 KB; a mirrored one is refused beyond it. */
const MAX_CLIENT_EVENT_DATA_BYTES = 10 * 1024;

export type MirrorItem =
  | { type: 'member_added'; id: string }
  | { type: 'member_removed'; id: string }
  | { type: 'client_event'; event: string; id: string; data: unknown };

const webhookEventSchema = z.object({
  name: z.enum(['member_added', 'member_removed', 'client_event']),
  channel: z.string(),
  user_id: z.union([z.string(), z.number()]).transform(String),
  event: z.string().optional(),
  // Pusher (and our server) send a client event's data as the JSON text the client sent; soketi 1.6.1 sends
  // the parsed value itself (`"data": {"status": …}`), so both are read here.
  data: z.unknown().optional(),
});

/** The client event's data as a value, or undefined when it is missing, not JSON, or over Pusher's 10 KB. */
function parseData(raw: unknown): unknown {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (new TextEncoder().encode(text).byteLength > MAX_CLIENT_EVENT_DATA_BYTES) return undefined;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // pusher-js always sends JSON; anything else is not ours to relay.
    return undefined;
  }
}

/** The items to mirror, grouped by room, in webhook order. Events without a user or outside room channels are skipped. */
export function mirrorItemsByRoom(events: readonly unknown[]): Map<string, { room: RoomChannel; items: MirrorItem[] }> {
  const byChannel = new Map<string, { room: RoomChannel; items: MirrorItem[] }>();
  for (const raw of events) {
    const parsed = webhookEventSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { name, channel, user_id: id, event, data } = parsed.data;
    const room = parseRoomChannel(channel);
    if (!room) continue;
    let item: MirrorItem;
    if (name === 'client_event') {
      const payload = parseData(data);
      if (!event || !MIRRORED_CLIENT_EVENTS.has(event) || payload === undefined) continue;
      item = { type: 'client_event', event, id, data: payload };
    } else {
      item = { type: name, id };
    }
    const entry = byChannel.get(channel) ?? { room, items: [] };
    entry.items.push(item);
    byChannel.set(channel, entry);
  }
  return byChannel;
}
