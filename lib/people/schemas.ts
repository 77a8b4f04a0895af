import { z } from 'zod';

/** One contact as `GET /api/people` answers. */
export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  lastSeenAt: z.string().nullable(),
  /**
   * Shown offline whatever the realtime server says ("Appear offline"). Only sent to contacts where the realtime
   * server would report such a person online (PUSHER_WATCHLIST_INVISIBLE=false): elsewhere it would disclose the
   * setting itself, and the server's silence already shows them offline.
   */
  hidden: z.literal(true).optional(),
});
export type PersonPayload = z.infer<typeof personSchema>;

export const peopleResponseSchema = z.object({
  /** Whether the realtime server sends watchlist events (PUSHER_WATCHLIST). */
  liveStatus: z.boolean(),
  people: z.array(personSchema),
});
export type PeopleResponse = z.infer<typeof peopleResponseSchema>;

export const sharedRoomSchema = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['hobby', 'business']),
  /** They are in it right now (false when they appear offline, or when that could not be read). */
  hereNow: z.boolean(),
});
export const sharedRoomsResponseSchema = z.object({ rooms: z.array(sharedRoomSchema) });
export type SharedRoomPayload = z.infer<typeof sharedRoomSchema>;

/** Sent to a person's contacts when something the panel shows of them changed (e.g. "Appear offline"): re-read the list. */
export const PEOPLE_CHANGED_EVENT = 'people-changed';
