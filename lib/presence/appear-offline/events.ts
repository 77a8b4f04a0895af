import { z } from 'zod';

/** The user event `PUT /api/me/appear-offline` sends to all of the user's connections, so every tab switches at once. */
export const APPEAR_OFFLINE_CHANGED_EVENT = 'appear-offline-changed';

/** Body of `PUT /api/me/appear-offline`, its answer, and the user event's payload. */
export const appearOfflineSchema = z.object({ appearOffline: z.boolean() });
export type AppearOfflinePayload = z.infer<typeof appearOfflineSchema>;
