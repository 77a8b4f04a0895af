import type { Channel } from 'pusher-js';

/**
 * What the parts of a view say on a channel just before the view unsubscribes from it (their goodbyes), while it
 * is still subscribed. React runs effect cleanups in the order the hooks were declared, so a part declared after
 * the hook that owns the subscription would otherwise find the channel gone and its goodbye unsent.
 */
const speakers = new WeakMap<Channel, Set<() => void>>();

/** Registers `speak` to run right before `channel` is unsubscribed; returns the function that unregisters it. */
export function beforeUnsubscribe(channel: Channel, speak: () => void): () => void {
  const set = speakers.get(channel) ?? new Set<() => void>();
  speakers.set(channel, set);
  set.add(speak);
  return () => set.delete(speak);
}

/** Called by the subscription's owner right before it unsubscribes: each registered part speaks once. */
export function sayLastWords(channel: Channel): void {
  const set = speakers.get(channel);
  speakers.delete(channel);
  for (const speak of set ?? []) speak();
}
