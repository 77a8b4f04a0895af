import type Pusher from 'pusher-js';

/** How long an early subscription waits for its room page before it is dropped (a cancelled navigation). */
const CLAIM_TIMEOUT_MS = 10_000;

type Unclaimed = {
  timer: ReturnType<typeof setTimeout>;
  /** The server's refusal, when it came before the page was there to hear it (e.g. a full room). */
  refusal: { error: unknown } | null;
  unbind: () => void;
};

const unclaimed = new WeakMap<Pusher, Map<string, Unclaimed>>();

/**
 * Starts joining a room's channel the moment someone clicks into it, while the page itself is still on its
 * way from the server: authorization and subscription overlap the navigation instead of following it. The
 * room page's usePresenceChannel takes the subscription over (claimEarlySubscription); if no page claims it in
 * time, it is dropped, so nobody stays "present" in a room they never reached.
 */
export function subscribeEarly(pusher: Pusher, channelName: string): void {
  if (pusher.channel(channelName)) return;
  const channel = pusher.subscribe(channelName);
  const waiting = unclaimed.get(pusher) ?? new Map<string, Unclaimed>();
  unclaimed.set(pusher, waiting);
  // pusher-js does not remember a refusal: kept here for the page, which would otherwise wait forever.
  const onRefused = (error: unknown) => {
    const entry = waiting.get(channelName);
    if (entry) entry.refusal = { error };
  };
  channel.bind('pusher:subscription_error', onRefused);
  waiting.set(channelName, {
    refusal: null,
    unbind: () => channel.unbind('pusher:subscription_error', onRefused),
    timer: setTimeout(() => {
      waiting.get(channelName)?.unbind();
      waiting.delete(channelName);
      pusher.unsubscribe(channelName);
    }, CLAIM_TIMEOUT_MS),
  });
}

/**
 * The page has arrived: the subscription is its own now (it unsubscribes when it unmounts). Returns the
 * server's refusal if one already came (the page handles it as if it had heard it), else null.
 */
export function claimEarlySubscription(pusher: Pusher, channelName: string): { error: unknown } | null {
  const waiting = unclaimed.get(pusher);
  const entry = waiting?.get(channelName);
  if (entry === undefined) return null;
  clearTimeout(entry.timer);
  entry.unbind();
  waiting?.delete(channelName);
  return entry.refusal;
}
