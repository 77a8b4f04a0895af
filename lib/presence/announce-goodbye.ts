import type { Room, User } from '@/lib/db/schema';
import { ServiceUnavailableError } from '@/lib/http/errors';
import { describePusherError, isPusherRequestError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { limiterFor, type Limiter } from '@/lib/rate-limit';
import { roomEventChannels } from '@/lib/rooms/channels';
import { TAB_CLOSED_EVENT, type GoodbyeRequest, type TabClosedEvent } from './goodbye';

/**
 * Goodbyes per user per window, across rooms and replicas. A person closing or reloading tabs sends one each;
 * this only stops a script from making the app flood a room's channel (each goodbye is one REST trigger).
 */
const GOODBYES_PER_WINDOW = 30;
const GOODBYE_WINDOW_SECONDS = 10;

export function goodbyeLimit(): Promise<Limiter> {
  return limiterFor({ name: 'presence-goodbye', points: GOODBYES_PER_WINDOW, durationSeconds: GOODBYE_WINDOW_SECONDS });
}

/**
 * Tells the room (its presence and onlooker channels) that this tab of the user has closed. Nothing is sent for
 * someone appearing offline: their tabs never announced themselves, and the event would carry their id.
 * Returns whether it was sent.
 */
export async function announceTabClosed(room: Pick<Room, 'kind' | 'slug'>, user: Pick<User, 'id' | 'appearOffline'>, goodbye: GoodbyeRequest): Promise<boolean> {
  if (user.appearOffline) return false;
  const event: TabClosedEvent = { userId: user.id, tab: goodbye.tab, device: goodbye.device };
  try {
    await getPusher().trigger(roomEventChannels(room), TAB_CLOSED_EVENT, event);
  } catch (error) {
    // The realtime server is down or restarting: a typed 503, not a 500. The room still sees the tab go when its
    // connection's member_removed arrives.
    if (isPusherRequestError(error)) {
      console.warn(`[goodbye] could not announce a closed tab in ${room.slug}: ${describePusherError(error)}`);
      throw new ServiceUnavailableError('The realtime server is not answering; try again shortly.');
    }
    throw error;
  }
  return true;
}
