import type { Channel } from 'pusher-js';

/**
 * Sent on a room's presence channel by a tab whose room view closes while the tab stays (its person went to
 * another room or to the rooms list), right before it unsubscribes, on the same socket. It removes nobody by
 * itself: only together with the server's member_removed (their last connection in the room is gone) does it
 * tell the others to drop them at once instead of holding them through the leave grace, which is for reloads
 * and blips (see DEPARTURE_MATCH_MS in ./leave-grace.ts). The sender is the server's `user_id` metadata, never
 * the payload, so a person can only say it of themselves. A reload or a closing tab never sends it.
 */
export const LEAVING_ROOM_CLIENT_EVENT = 'client-leaving-room';

export function announceLeavingRoom(channel: Channel): void {
  if (channel.subscribed) channel.trigger(LEAVING_ROOM_CLIENT_EVENT, {});
}
