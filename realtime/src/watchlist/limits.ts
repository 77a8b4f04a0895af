/**
 * Watchlists (pusher-websockets-protocol.md, `pusher:signin`): "Each user can have a default maximum of
 * 100 user IDs in their Watchlist"; over it, "the first 100 user IDs will be accepted and the sign-in
 * operation will succeed with `pusher:signin_success` event. In addition to that, an `pusher:error` event
 * will be sent with code `4302`".
 */
export const MAX_WATCHLIST_USER_IDS = 100;
/** Error code 4302: "Watchlist limit exceeded. Only the first 100 user IDs are accepted." */
export const WATCHLIST_LIMIT_ERROR_CODE = 4302;
export const WATCHLIST_LIMIT_ERROR_MESSAGE = `Watchlist limit exceeded. Only the first ${MAX_WATCHLIST_USER_IDS} user IDs are accepted.`;
