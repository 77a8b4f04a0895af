import { getConfig } from '@/lib/config';
import { listContacts } from '@/lib/db/queries/contacts';
import { requireSessionUserId } from '@/lib/http/api-user';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import type { PeopleResponse } from '@/lib/people/schemas';

/** The People panel's list: the caller's contacts (the same list their watchlist is signed with). */
export const GET = apiRoute(async () => {
  const userId = await requireSessionUserId();
  const contacts = await listContacts(userId);
  const body: PeopleResponse = {
    liveStatus: getConfig().watchlist,
    people: contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      color: contact.color,
      lastSeenAt: contact.lastSeenAt?.toISOString() ?? null,
      hidden: contact.appearOffline,
    })),
  };
  return jsonResponse(body);
});
