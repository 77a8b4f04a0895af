import type { SharedRoom } from '@/lib/db/queries/contacts';
import { describePusherError } from '@/lib/pusher/describe-error';
import { channelUserIds } from '@/lib/pusher/channel-users';
import { roomChannelName } from '@/lib/rooms/channels';

/** The slugs of these rooms whose presence channel has the user in it now (a room that cannot be read counts as not). */
export async function hereNowIn(rooms: readonly SharedRoom[], userId: string): Promise<Set<string>> {
  const answers = await Promise.allSettled(rooms.map(async (room) => ((await channelUserIds(roomChannelName(room))).includes(userId) ? room.slug : null)));
  const here = new Set<string>();
  for (const answer of answers) {
    if (answer.status === 'fulfilled' && answer.value !== null) here.add(answer.value);
    if (answer.status === 'rejected') console.error(`[people] could not read a room's presence: ${describePusherError(answer.reason)}`);
  }
  return here;
}
