import { encodeMessage } from '../protocol/messages';

/** pusher-js routes this event to `pusher.user.watchlist`, emitting each entry under its `name`. */
export const WATCHLIST_EVENTS_EVENT = 'pusher_internal:watchlist_events';

export type WatchlistEventName = 'online' | 'offline';

export interface WatchlistEvent {
  name: WatchlistEventName;
  user_ids: string[];
}

/** One message with the given events (empty ones left out); null when there is nothing to say. */
export function encodeWatchlistEvents(online: readonly string[], offline: readonly string[]): string | null {
  const events: WatchlistEvent[] = [];
  if (online.length > 0) events.push({ name: 'online', user_ids: [...online] });
  if (offline.length > 0) events.push({ name: 'offline', user_ids: [...offline] });
  return events.length === 0 ? null : encodeMessage({ event: WATCHLIST_EVENTS_EVENT, data: JSON.stringify({ events }) });
}
