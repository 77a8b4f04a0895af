/** The user event `PUT /api/me/status` sends to the user's own connections, so their other tabs re-broadcast it. */
export const STATUS_UPDATED_EVENT = 'status-updated';

/** A saved status as the API returns it and as `status-updated` carries it. */
export type StatusStampPayload = { status: string; statusUpdatedAt: string | null };
