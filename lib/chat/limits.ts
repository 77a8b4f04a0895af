import { MESSAGE_BODY_MAX_LENGTH } from '@/lib/db/limits';

export { MESSAGE_BODY_MAX_LENGTH };

/** What a refused draft is told, in the composer and from the API alike. */
export const EMPTY_MESSAGE = 'Type a message first.';
export const TOO_LONG_MESSAGE = `Messages can be at most ${MESSAGE_BODY_MAX_LENGTH.toLocaleString('en-US')} characters.`;

/** History comes in pages of this many messages: the first one rendered by the server, older ones on scroll. */
export const MESSAGE_PAGE_SIZE = 50;

/** Sending: at most this many messages per user within the window (a person typing fast stays well below it). */
export const MESSAGES_PER_WINDOW = 20;
export const MESSAGE_WINDOW_MS = 10_000;

/**
 * A send request carries the body (2,000 characters, up to 3 UTF-8 bytes each) plus ids; this bounds it with room
 * to spare, well under Pusher's 10 KB event limit for the payload we then trigger.
 */
export const MESSAGE_REQUEST_MAX_BYTES = 8_192;

/**
 * Typing: each tab sends `client-typing` at most once per this interval while its user types. Pusher allows a
 * connection 10 client events per second, shared with status updates; this spends at most one every 2 s.
 */
export const TYPING_SEND_INTERVAL_MS = 2_000;
/** Someone stops being "typing" this long after their last `client-typing`, even if no other event comes. */
export const TYPING_EXPIRY_MS = 5_000;
