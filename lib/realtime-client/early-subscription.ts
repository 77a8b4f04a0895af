import type Pusher from 'pusher-js';

/** How long an early subscription waits for its room page before it is dropped (a cancelled navigation). */
const CLAIM_TIMEOUT_MS = 10_000;

const unclaimed = new WeakMap<Pusher, Map<string, ReturnType<typeof setTimeout>>>();

/**
 * Starts joining a room's channel the moment someone clicks into it, while the page itself is still on its
 * way from the server: authorization and subscription overlap the navigation instead of following it. The
 * room page's usePresenceChannel takes the subscription over (claimEarlySubscription); if no page claims it in
 * time, it is dropped, so nobody stays "present" in a room they never reached.
 */
export function subscribeEarly(pusher: Pusher, channelName: string): void {
  if (pusher.channel(channelName)) return;
  pusher.subscribe(channelName);
  const timers = unclaimed.get(pusher) ?? new Map<string, ReturnType<typeof setTimeout>>();
  unclaimed.set(pusher, timers);
  timers.set(
    channelName,
    setTimeout(() => {
      timers.delete(channelName);
      pusher.unsubscribe(channelName);
    }, CLAIM_TIMEOUT_MS),
  );
}

/** The page has arrived: the subscription is its own now (it unsubscribes when it unmounts). */
export function claimEarlySubscription(pusher: Pusher, channelName: string): void {
  const timers = unclaimed.get(pusher);
  const timer = timers?.get(channelName);
  if (timer === undefined) return;
  clearTimeout(timer);
  timers?.delete(channelName);
}
