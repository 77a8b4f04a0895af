import type Pusher from 'pusher-js';

/**
 * Sent on a room's presence channel by a tab whose person just turned on "Appear offline", right before it
 * leaves: the others drop them at once instead of holding them through the leave grace (which is for reloads
 * and blips). The sender is the server's `user_id` metadata, never the payload.
 */
export const GOING_OFFLINE_CLIENT_EVENT = 'client-going-offline';

export function announceGoingOffline(pusher: Pusher, presenceChannelName: string): void {
  const channel = pusher.channel(presenceChannelName);
  if (channel?.subscribed) channel.trigger(GOING_OFFLINE_CLIENT_EVENT, {});
}
