import { getConfig } from '@/lib/config';
import { listContacts } from '@/lib/db/queries/contacts';
import { requireSessionUserId } from '@/lib/http/api-user';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import type { PeopleResponse } from '@/lib/people/schemas';

/** The People panel's list: the caller's contacts (the same list their watchlist is signed with). */
export const GET = apiRoute(async () => {
  const userId = await requireSessionUserId();
  const contacts = await listContacts(userId);
  const { watchlist, watchlistHonoursInvisible } = getConfig();
  const body: PeopleResponse = {
    liveStatus: watchlist,
    people: contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      color: contact.color,
      lastSeenAt: contact.lastSeenAt?.toISOString() ?? null,
      // A contact who appears offline answers exactly as an offline one does, unless the realtime server
      // would show them online (then the panel must be told, see lib/config).
      ...(contact.appearOffline && !watchlistHonoursInvisible ? { hidden: true as const } : {}),
    })),
  };
  return jsonResponse(body);
});
