/** The user event `PUT /api/me/status` sends to the user's own connections, so their other tabs re-broadcast it. */
export const STATUS_UPDATED_EVENT = 'status-updated';

/** A saved status as the API returns it and as `status-updated` carries it. */
export type StatusStampPayload = { status: string; statusUpdatedAt: string | null };

/** The client event every tab sends on its room channel when its user's status changes. */
export const STATUS_CLIENT_EVENT = 'client-status-update';
