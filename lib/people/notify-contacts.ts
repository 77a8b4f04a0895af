import { listContactIds } from '@/lib/db/queries/contacts';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { PEOPLE_CHANGED_EVENT } from './schemas';

/**
 * Tells these people's tabs to re-read their People list; a tab whose list then differs from the watchlist it
 * signed in with signs in again (lib/people/use-people.ts), so a new or lost contact is watched, or no longer,
 * with no reload. The event names no one and says nothing: the list itself is read with the reader's own
 * session. Best effort: failures are logged, the change that caused it stays saved.
 */
export async function notifyPeopleChanged(userIds: Iterable<string>): Promise<void> {
  const targets = [...new Set(userIds)];
  if (targets.length === 0) return;
  const pusher = getPusher();
  const results = await Promise.allSettled(targets.map((userId) => pusher.sendToUser(userId, PEOPLE_CHANGED_EVENT, {})));
  const failed = results.filter((result) => result.status === 'rejected');
  if (failed.length > 0) {
    console.error(`[people] ${failed.length} of ${targets.length} people not told of a change: ${describePusherError(failed[0]?.reason)}`);
  }
}

/**
 * Tells a person's contacts' tabs to re-read their People list (e.g. after "Appear offline" changed), so the
 * panel holds on servers without our `invisible` signin (hosted Pusher, sockudo) too.
 */
export async function notifyContactsOfChange(userId: string): Promise<void> {
  await notifyPeopleChanged(await listContactIds(userId));
}
