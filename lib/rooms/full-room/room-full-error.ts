/**
 * What a server answers to a presence subscription past the room's member cap: `pusher:subscription_error`
 * with `type: "LimitReached"` (our realtime server: status 403; hosted Pusher caps rooms at 100 members;
 * soketi answers the same type with its own status code). Our server also answers LimitReached with status
 * 400 to a `user_id` or `user_info` over its size limit; the app never signs one, but such an answer is a bad
 * request, not a full room, so it is not taken for one.
 */
export const ROOM_FULL_ERROR_TYPE = 'LimitReached';
const BAD_REQUEST_STATUS = 400;

export type SubscriptionErrorPayload = { type?: unknown; status?: unknown } | null | undefined;

export function isRoomFullError(error: SubscriptionErrorPayload): boolean {
  return error?.type === ROOM_FULL_ERROR_TYPE && error.status !== BAD_REQUEST_STATUS;
}
