import type { Connection } from '../connection/connection';

/** One `pusher:signin` as the watchlist sees it. */
export interface WatchlistSignin {
  userId: string;
  /** Counts toward the user being online (false: signed in "invisible", see watchlist/parse-watchlist.ts). */
  visible: boolean;
  /** Already validated and cut to the limit. */
  watchlist: readonly string[];
}

/**
 * Who is online (signed in on at least one connection, anywhere) and who watches whom: the watchlist's
 * half of the shared-state seam (`state.ts`), in memory (`watchlist-memory.ts`) or in Redis
 * (`redis/watchlist-redis.ts`). `online` / `offline` go out once per transition of a user.
 */
export interface WatchlistState {
  /** A connection signed in, or signed in again as the same user (its watchlist is replaced). */
  signIn(connection: Connection, signin: WatchlistSignin): void;
  /** A signed-in connection closed. */
  signOut(connection: Connection): void;
}
