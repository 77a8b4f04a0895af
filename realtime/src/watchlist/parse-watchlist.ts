import { MAX_PRESENCE_USER_ID_LENGTH } from '../config/limits';
import { MAX_WATCHLIST_USER_IDS } from './limits';

export type ParsedWatchlist =
  | { ok: true; userIds: string[]; overLimit: boolean }
  | { ok: false; problem: string };

/**
 * `user_data.watchlist` of a signin: absent means none; otherwise an array of user id strings (the same
 * rules as presence user ids). Only the first 100 are kept and checked — entries past them are never looked at
 * (the caller reports them with 4302); repeats of an id count once.
 */
export function parseWatchlist(value: unknown): ParsedWatchlist {
  if (value === undefined || value === null) return { ok: true, userIds: [], overLimit: false };
  if (!Array.isArray(value)) return { ok: false, problem: 'user_data.watchlist must be an array of user ids' };
  const kept = value.slice(0, MAX_WATCHLIST_USER_IDS);
  for (const id of kept) {
    if (typeof id !== 'string' || id === '' || id.length > MAX_PRESENCE_USER_ID_LENGTH) {
      return { ok: false, problem: `user_data.watchlist entries must be non-empty strings of at most ${MAX_PRESENCE_USER_ID_LENGTH} characters` };
    }
  }
  return { ok: true, userIds: [...new Set(kept as string[])], overLimit: value.length > MAX_WATCHLIST_USER_IDS };
}

/**
 * Our extension (not in Pusher's protocol, which ignores unknown user_data fields): a connection signed in
 * with `"invisible": true` does not count as online in anyone's watchlist ("appear offline").
 */
export function isInvisible(userData: Record<string, unknown>): boolean {
  return userData.invisible === true;
}
