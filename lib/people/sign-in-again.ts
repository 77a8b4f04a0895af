import type Pusher from 'pusher-js';

/**
 * Signs this connection in again (same user), so the server gets a fresh user_data: the current contacts as
 * the watchlist and the current "Appear offline". pusher-js signs in once per connection and exposes no
 * public "again", so this calls its own signin step (the one it runs after every reconnect). When not
 * connected there is nothing to do: the next connection signs in with fresh data anyway.
 */
export function signInAgain(pusher: Pusher): void {
  if (pusher.connection.state !== 'connected') return;
  const user = pusher.user as unknown as { _signin?: () => void };
  if (typeof user._signin === 'function') user._signin();
}
