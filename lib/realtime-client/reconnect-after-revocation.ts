import type Pusher from 'pusher-js';
import { z } from 'zod';
import { ROOM_ACCESS_REVOKED_EVENT } from '@/lib/team/events';

const revokedSchema = z.object({ slug: z.string() });

/**
 * When a user is removed from a business room the server first sends them `room-access-revoked`, then closes
 * all their connections (code 4009, which pusher-js treats as "refused" and does not retry). A tab that is not
 * showing the revoked room reconnects at once; pusher-js then signs in again and resubscribes its channels.
 * The tab showing the revoked room stays disconnected: it says so, and its subscription would be refused.
 *
 * `currentRoomSlug`: the room the tab shows right now, if any. Returns the function that stops watching.
 */
export function reconnectAfterRevocation(pusher: Pusher, currentRoomSlug: () => string | undefined): () => void {
  let expectingForcedClose = false;
  const onRevoked = (data: unknown) => {
    const parsed = revokedSchema.safeParse(data);
    if (!parsed.success) return;
    if (parsed.data.slug !== currentRoomSlug()) expectingForcedClose = true;
  };
  const onStateChange = ({ current }: { current: string }) => {
    if (current !== 'disconnected' || !expectingForcedClose) return;
    expectingForcedClose = false;
    // After the state change has reached every listener, not in the middle of it.
    queueMicrotask(() => pusher.connect());
  };
  pusher.user.bind(ROOM_ACCESS_REVOKED_EVENT, onRevoked);
  pusher.connection.bind('state_change', onStateChange);
  return () => {
    pusher.user.unbind(ROOM_ACCESS_REVOKED_EVENT, onRevoked);
    pusher.connection.unbind('state_change', onStateChange);
  };
}
