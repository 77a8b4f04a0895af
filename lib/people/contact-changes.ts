import { listRoomWriterIds } from '@/lib/db/queries/contacts';
import { listTeamMemberIds } from '@/lib/db/queries/memberships';
import { notifyPeopleChanged } from './notify-contacts';

/**
 * Who is whose contact changes in exactly these ways (lib/db/queries/contacts.ts): someone's first message in a
 * hobby room or their last one there deleted, and someone joining or leaving a team. Each tells the person and
 * everyone on the other side, and only then: a further message in a room changes no one's list.
 */

/** `authorId` started, or stopped, writing in a hobby room: they and the room's other writers. */
export function writingInRoomChanged(roomId: string, authorId: string): Promise<void> {
  return tell('writing', async () => [authorId, ...(await listRoomWriterIds(roomId, authorId))]);
}

/** `userId` joined or left a team (read after the change): they and the whole team as it is now. */
export function teamChanged(roomId: string, userId: string): Promise<void> {
  return tell('team', async () => [userId, ...(await listTeamMemberIds(roomId))]);
}

/** The change is saved already: a failure to read who to tell is logged, never the request's failure. */
async function tell(what: string, whom: () => Promise<string[]>): Promise<void> {
  try {
    await notifyPeopleChanged(await whom());
  } catch (error) {
    console.error(`[people] contacts changed (${what}), but nobody could be told:`, error);
  }
}
