import type { Room } from '@/lib/db/schema';
import { BadRequestError, ForbiddenError } from '@/lib/http/errors';
import { requireRoomAccess } from '@/lib/rooms/access';

/** The business room, if this user is one of its admins (hobby rooms have no members to manage). */
export async function requireRoomAdmin(slug: string, userId: string): Promise<Room> {
  const { room, role } = await requireRoomAccess(slug, userId);
  if (room.kind !== 'business') throw new BadRequestError('Hobby rooms are open to everyone and have no members to manage.');
  if (role !== 'admin') throw new ForbiddenError('Only admins of this room can manage its members.');
  return room;
}
