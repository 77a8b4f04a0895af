/** Column sizes, shared by the schema and every validator so the two never disagree. */
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
export const USERNAME_PATTERN = /^[a-z0-9_-]+$/;
export const DISPLAY_NAME_MAX_LENGTH = 50;
export const STATUS_MAX_LENGTH = 100;
export const ROOM_SLUG_MAX_LENGTH = 64;
export const ROOM_SLUG_PATTERN = /^[a-z0-9-]{1,64}$/;
export const ROOM_NAME_MAX_LENGTH = 80;
export const ROOM_DESCRIPTION_MAX_LENGTH = 280;
/** `#rrggbb`. */
export const COLOR_LENGTH = 7;
/** Chat messages: at most this many characters (UTF-16 code units, as the browser counts them). */
export const MESSAGE_BODY_MAX_LENGTH = 2_000;
