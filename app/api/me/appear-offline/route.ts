import { getConfig } from '@/lib/config';
import { setAppearOffline } from '@/lib/db/queries/presence';
import { readJson } from '@/lib/http/body';
import { requireApiUser } from '@/lib/http/api-user';
import { UnauthorizedError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { APPEAR_OFFLINE_CHANGED_EVENT, appearOfflineSchema, type AppearOfflinePayload } from '@/lib/presence/appear-offline/events';
import { notifyContactsOfChange } from '@/lib/people/notify-contacts';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { enforceWriteLimit, WRITE_LIMITS } from '@/lib/rate-limit/write-limits';

/** The signed-in user's "Appear offline" setting (a tab re-reads it after a reconnect, in case it missed a change). */
export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  return jsonResponse({ appearOffline: user.appearOffline } satisfies AppearOfflinePayload);
});

/**
 * Saves "Appear offline" and tells all of the user's tabs, which leave the rooms' presence channels (or join
 * them again) at once. Saved first: channel authorization reads the setting, so a tab rejoining presence
 * after turning it off is let in, and one trying while it is on is refused.
 */
export const PUT = apiRoute(async (request) => {
  const { appearOffline } = await readJson(request, appearOfflineSchema);
  const user = await requireApiUser();
  await enforceWriteLimit(WRITE_LIMITS.appearOffline, user.id);
  const saved = await setAppearOffline(user.id, appearOffline);
  if (saved === null) throw new UnauthorizedError();
  const body: AppearOfflinePayload = { appearOffline: saved };
  try {
    await getPusher().sendToUser(user.id, APPEAR_OFFLINE_CHANGED_EVENT, body);
  } catch (error) {
    console.error(`[appear-offline] saved, but could not tell user ${user.id}'s tabs: ${describePusherError(error)}`);
  }
  // Where the realtime server honours `invisible`, contacts learn only what its watchlist says as the tabs sign
  // in again: "offline", exactly as when someone leaves; a word from the app would mark the switch. Elsewhere
  // their panels re-read the list, which marks them hidden (or no longer).
  if (!getConfig().watchlistHonoursInvisible) {
    try {
      await notifyContactsOfChange(user.id);
    } catch (error) {
      console.error(`[appear-offline] saved, but could not tell user ${user.id}'s contacts: ${describePusherError(error)}`);
    }
  }
  return jsonResponse(body);
});
