import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';

/**
 * The leaving words: client events a tab sends on a room's presence channel right before it leaves, on the same
 * socket, so the others can drop its person at once instead of holding them through the leave grace (which is
 * for reloads and blips). Neither removes anyone by itself: only together with the server's removal of that
 * person does it count (lib/presence/departures/member-lifetime.ts). The sender is the server's `user_id`
 * metadata, never the payload, so a person can only say it of themselves. A reload or a closing tab says nothing.
 */

/** A tab whose room view closes while the tab stays (its person went to another room or to the rooms list). */
export const LEAVING_ROOM_CLIENT_EVENT = 'client-leaving-room';
/** A tab whose person just turned on "Appear offline". */
export const GOING_OFFLINE_CLIENT_EVENT = 'client-going-offline';

export const LEAVING_WORDS: readonly string[] = [LEAVING_ROOM_CLIENT_EVENT, GOING_OFFLINE_CLIENT_EVENT];

export function announceLeavingRoom(channel: Channel): void {
  if (channel.subscribed) channel.trigger(LEAVING_ROOM_CLIENT_EVENT, {});
}

export function announceGoingOffline(pusher: Pusher, presenceChannelName: string): void {
  const channel = pusher.channel(presenceChannelName);
  if (channel?.subscribed) channel.trigger(GOING_OFFLINE_CLIENT_EVENT, {});
}
