import { z } from 'zod';
import { TAB_ID_PATTERN } from './beacons';
import { DEVICE_ID_PATTERN } from './devices/this-device';

/**
 * A closing tab's goodbye, made reliable. Its `client-presence-beacon` bye travels on a WebSocket the browser
 * is tearing down and is often lost, and the others then keep the tab (say "on 2 devices") until it ages out.
 * So on `pagehide` the tab also posts `navigator.sendBeacon` to `POST /api/rooms/{slug}/presence/goodbye`
 * (the browser delivers it after the page is gone); the app, for the session's user, triggers this server
 * event over the REST API on the room's channels. Either arriving is enough; both arriving is harmless.
 */
export const TAB_CLOSED_EVENT = 'presence-tab-closed';

/** The goodbye request: which tab of the signed-in user closed, on which device. Never who the user is. */
export const goodbyeRequestSchema = z.object({
  tab: z.string().regex(TAB_ID_PATTERN, 'not a tab id'),
  device: z.string().regex(DEVICE_ID_PATTERN, 'not a device id'),
});
export type GoodbyeRequest = z.infer<typeof goodbyeRequestSchema>;

/** Longest user id the event may name (ids are UUIDs; this only bounds what a client will accept). */
const USER_ID_MAX_LENGTH = 64;

/** The server event: `userId` is the session's user, set by the app, which only the server can trigger. */
export const tabClosedEventSchema = goodbyeRequestSchema.extend({ userId: z.string().min(1).max(USER_ID_MAX_LENGTH) });
export type TabClosedEvent = z.infer<typeof tabClosedEventSchema>;

export function goodbyePath(slug: string): string {
  return `/api/rooms/${encodeURIComponent(slug)}/presence/goodbye`;
}

/**
 * Posts the goodbye so that it outlives the page. Form-encoded, a CORS-safelisted type that `sendBeacon` sends
 * everywhere (some browsers refuse a JSON Blob); `readFormOrJson` on the route reads it. Returns whether the
 * browser queued it.
 */
export function sendGoodbyeBeacon(slug: string, goodbye: GoodbyeRequest): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') return false;
  return navigator.sendBeacon(goodbyePath(slug), new URLSearchParams(goodbye));
}
