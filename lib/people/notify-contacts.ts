import { listContactIds } from '@/lib/db/queries/contacts';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { PEOPLE_CHANGED_EVENT } from './schemas';

/**
 * Tells a person's contacts' tabs to re-read their People list (e.g. after "Appear offline" changed), so the
 * panel holds on servers without our `invisible` signin (hosted Pusher, sockudo) too. The event names no one
 * and says nothing: the list itself is read with the reader's own session. Best effort: failures are logged.
 */
export async function notifyContactsOfChange(userId: string): Promise<void> {
  const contacts = await listContactIds(userId);
  const pusher = getPusher();
  const results = await Promise.allSettled(contacts.map((contactId) => pusher.sendToUser(contactId, PEOPLE_CHANGED_EVENT, {})));
  const failed = results.filter((result) => result.status === 'rejected');
  if (failed.length > 0) {
    console.error(`[people] ${failed.length} of ${contacts.length} contacts not told of a change: ${describePusherError(failed[0]?.reason)}`);
  }
}
