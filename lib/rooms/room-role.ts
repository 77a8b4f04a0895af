import type { MemberRole, Room, RoomKind } from '@/lib/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/http/errors';

export const NO_SUCH_ROOM_MESSAGE = 'No such room.';
export const MEMBERS_ONLY_MESSAGE = 'This room is for its members only.';

/**
 * The one rule for who may use a room, for pages, REST routes and channel authorization alike: anyone may use
 * a hobby room (which has no roles: null), a business room only someone with a role in it. `room` is null when
 * there is no such room; `expectedKind` is the kind a channel name claims (a hobby channel for a business slug
 * is no such room). `role` is the user's membership role, which only business rooms have.
 */
export function requireRoomRole<R extends Pick<Room, 'kind'>>(
  room: R | null | undefined,
  role: MemberRole | null | undefined,
  expectedKind?: RoomKind,
): { room: R; role: MemberRole | null } {
  if (!room || (expectedKind !== undefined && room.kind !== expectedKind)) throw new NotFoundError(NO_SUCH_ROOM_MESSAGE);
  if (room.kind === 'hobby') return { room, role: null };
  if (!role) throw new ForbiddenError(MEMBERS_ONLY_MESSAGE);
  return { room, role };
}
