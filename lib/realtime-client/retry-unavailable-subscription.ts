import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';

/**
 * `pusher:subscription_error` statuses that mean "not now, ask again": a realtime cluster answers 503 while its
 * Redis is unreachable, and our server 429 to a connection subscribing faster than its rate (a person switching
 * rooms quickly). Every other refusal (401, 403, …) is final.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** Waits between attempts: quick at first, then every 10 s for as long as the refusal lasts. */
export const SUBSCRIPTION_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 10_000];

type SubscriptionErrorPayload = { status?: unknown } | undefined;

/**
 * Makes a channel ask again after a retryable refusal. pusher-js 8.6 leaves a channel refused by the
 * server marked `subscriptionPending`, so `unsubscribe()` + `subscribe()` only cancels and reinstates
 * that pending state and sends nothing. `channel.disconnect()` clears the flags the way pusher-js does
 * itself when the connection drops; `channel.subscribe()` then authorizes again and sends a fresh
 * `pusher:subscribe`. Retries stop on success, on a non-retryable refusal and when the returned
 * function is called; while the connection is down pusher-js resubscribes on reconnect by itself.
 */
export function retryUnavailableSubscription(pusher: Pusher, channel: Channel, delaysMs: readonly number[] = SUBSCRIPTION_RETRY_DELAYS_MS): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const retry = () => {
    timer = null;
    // Left the channel meanwhile, or already back: nothing to do.
    if (pusher.channel(channel.name) !== channel || channel.subscribed) return;
    if (pusher.connection.state !== 'connected') return;
    channel.disconnect();
    channel.subscribe();
  };
  const onError = (error: SubscriptionErrorPayload) => {
    const status = typeof error?.status === 'number' ? error.status : null;
    if (status === null || !RETRYABLE_STATUSES.has(status)) return;
    cancel();
    const delay = delaysMs[Math.min(attempt, delaysMs.length - 1)] ?? 0;
    attempt += 1;
    timer = setTimeout(retry, delay);
  };
  const onSucceeded = () => {
    attempt = 0;
    cancel();
  };
  channel.bind('pusher:subscription_error', onError);
  channel.bind('pusher:subscription_succeeded', onSucceeded);
  return () => {
    cancel();
    channel.unbind('pusher:subscription_error', onError);
    channel.unbind('pusher:subscription_succeeded', onSucceeded);
  };
}
