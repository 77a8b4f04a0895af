import type { Room } from '@/lib/db/schema';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { roomEventChannels } from '@/lib/rooms/channels';
import { ROOM_ACCESS_REVOKED_EVENT, TEAM_INVITATIONS_CHANGED_EVENT, type RoomAccessRevokedPayload } from './events';
import { notifyRoom } from './notify';

/** A room's invitations changed: its admins' pages re-read them, and so do the invitee's tabs (if an account). */
export async function notifyInvitationsChanged(room: Room, inviteeId: string | null): Promise<void> {
  await notifyRoom(roomEventChannels(room), TEAM_INVITATIONS_CHANGED_EVENT, {});
  if (inviteeId) await tellUser(inviteeId, TEAM_INVITATIONS_CHANGED_EVENT, {});
}

/**
 * Someone is no longer on a team: their tabs leave the room's channels and say why. Only that room's: their other
 * rooms and connections stay. Channel authorization refuses them from the commit on, so a tab that does not
 * comply is refused at its next subscription (every reconnect resubscribes).
 */
export async function revokeRoomAccess(room: Room, userId: string, reason: RoomAccessRevokedPayload['reason']): Promise<void> {
  await tellUser(userId, ROOM_ACCESS_REVOKED_EVENT, { slug: room.slug, reason } satisfies RoomAccessRevokedPayload);
}

async function tellUser(userId: string, event: string, payload: object): Promise<void> {
  try {
    await getPusher().sendToUser(userId, event, payload);
  } catch (error) {
    console.error(`[team] ${event} saved, but user ${userId} was not told: ${describePusherError(error)}`);
  }
}
