/**
 * What a server answers to a presence subscription past the room's member cap: `pusher:subscription_error`
 * with `type: "LimitReached"` (our realtime server: status 403; hosted Pusher caps rooms at 100 members;
 * soketi: status 4100). The same type also refuses a member whose `user_info` or `user_id` is too big (our
 * server: status 400; soketi: 4301); the app never signs one, but that is a bad request, not a full room.
 */
export const ROOM_FULL_ERROR_TYPE = 'LimitReached';
const MEMBER_TOO_BIG_STATUSES: ReadonlySet<unknown> = new Set([400, 4301]);

export type SubscriptionErrorPayload = { type?: unknown; status?: unknown } | null | undefined;

export function isRoomFullError(error: SubscriptionErrorPayload): boolean {
  return error?.type === ROOM_FULL_ERROR_TYPE && !MEMBER_TOO_BIG_STATUSES.has(error.status);
}
