import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';

/**
 * A view leaves its channel a moment after it unmounts (in a microtask, once React's commit is over), not in its
 * effect's cleanup, for two reasons:
 * - every part of the view can still say goodbye on the channel in its own cleanup, whatever order React runs
 *   the cleanups in (the tab's activity `bye`, lib/presence/use-room-activity.ts);
 * - a view that mounts again at once on the same channel (React's development-only second run of every effect)
 *   calls the departure off and keeps its subscription, so the others see nothing happen rather than the
 *   person leave and come back.
 */
const pending = new WeakMap<Channel, () => void>();

/** Unsubscribes `channel` after the current commit, having run `beforeLeaving`, unless `stayOn` calls it off. */
export function leaveChannelSoon(pusher: Pusher, channel: Channel, beforeLeaving: () => void): void {
  let calledOff = false;
  pending.set(channel, () => {
    calledOff = true;
  });
  queueMicrotask(() => {
    if (calledOff) return;
    pending.delete(channel);
    beforeLeaving();
    pusher.unsubscribe(channel.name);
  });
}

/** Calls off the departure scheduled for the channel of that name, if any: a view is on it again. */
export function stayOn(pusher: Pusher, channelName: string): void {
  const channel = pusher.channel(channelName);
  if (!channel) return;
  pending.get(channel)?.();
  pending.delete(channel);
}
