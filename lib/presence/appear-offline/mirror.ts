import { z } from 'zod';
import type { WebhookRoom, WebhookRoomRequest } from '@/lib/db/queries/webhook-rooms';
import { memberInfoFor, type MemberInfo } from '@/lib/presence/member-info';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { onlookerChannelName, type RoomChannel } from '@/lib/rooms/channels';
import { MIRROR_EVENT, type mirrorItemsByRoom, type MirrorItem } from './mirror-events';

/** Items per `presence-mirror` event, to stay well under Pusher's 10 KB per event. */
const MAX_ITEMS_PER_EVENT = 10;

/** A mirrored item as onlookers receive it: member_added carries the member's info, read from the database. */
export type MirrorPayloadItem = Exclude<MirrorItem, { type: 'member_added' }> | { type: 'member_added'; id: string; info: MemberInfo };
export type MirrorPayload = { items: MirrorPayloadItem[]; timeMs: number };

const channelInfoSchema = z.object({ occupied: z.boolean() });

export class OnlookerChannelLookupError extends Error {
  constructor(channel: string, status: number) {
    super(`GET /channels/${channel} answered HTTP ${status}`);
    this.name = 'OnlookerChannelLookupError';
  }
}

/** Whether anyone follows the room's onlooker channel: nobody usually does, and then nothing is sent. */
async function hasOnlookers(channel: string): Promise<boolean> {
  const response = await getPusher().get({ path: `/channels/${encodeURIComponent(channel)}`, params: {} });
  if (!response.ok) throw new OnlookerChannelLookupError(channel, response.status);
  return channelInfoSchema.parse(await response.json()).occupied;
}

type MirrorByRoom = ReturnType<typeof mirrorItemsByRoom>;

/** What the mirror reads from the database for a batch: each room with its joiners (read with the webhook's one query). */
export function mirrorReadRequests(byRoom: MirrorByRoom): WebhookRoomRequest[] {
  return [...byRoom.values()].map(({ room, items }) => ({
    slug: room.slug,
    userIds: items.flatMap((item) => (item.type === 'member_added' ? [item.id] : [])),
  }));
}

/** The items as onlookers get them: joiners with their member info, from the webhook's rooms (none if the room is gone). */
function withMemberInfo(room: RoomChannel, items: readonly MirrorItem[], found: WebhookRoom | undefined): MirrorPayloadItem[] {
  if (!found || found.room.kind !== room.kind) return [];
  const result: MirrorPayloadItem[] = [];
  for (const item of items) {
    if (item.type !== 'member_added') {
      result.push(item);
      continue;
    }
    const member = found.members.get(item.id);
    if (!member) continue;
    result.push({ type: 'member_added', id: item.id, info: memberInfoFor(member.user, member.role ?? undefined) });
  }
  return result;
}

/**
 * Republishes a (verified) webhook batch's presence changes and mirrored client events on each room's onlooker
 * channel, for whoever follows it without being a member (`byRoom` from mirrorItemsByRoom, the rooms and joiners
 * from the webhook's one database read: getWebhookRooms with mirrorReadRequests). Failures are logged per room: the lobby and
 * last-seen work of the same webhook must not depend on it, and an onlooker re-reads the list on resubscribing.
 */
export async function mirrorToOnlookers(byRoom: MirrorByRoom, timeMs: number, webhookRooms: ReadonlyMap<string, WebhookRoom>): Promise<void> {
  await Promise.all(
    [...byRoom.values()].map(async ({ room, items }) => {
      const channel = onlookerChannelName(room);
      try {
        if (!(await hasOnlookers(channel))) return;
        const payloadItems = withMemberInfo(room, items, webhookRooms.get(room.slug));
        for (let start = 0; start < payloadItems.length; start += MAX_ITEMS_PER_EVENT) {
          const payload: MirrorPayload = { items: payloadItems.slice(start, start + MAX_ITEMS_PER_EVENT), timeMs };
          await getPusher().trigger(channel, MIRROR_EVENT, payload);
        }
      } catch (error) {
        console.error(`[onlooker] could not mirror presence to ${channel}: ${describePusherError(error)}`);
      }
    }),
  );
}
