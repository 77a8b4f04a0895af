/** Set by proxy.ts on every page request, because server components cannot otherwise see their own URL. */
export const CURRENT_PATH_HEADER = 'x-presently-path';
