import { z } from 'zod';
import { ROOM_SLUG_PATTERN } from '@/lib/db/limits';
import { getBusinessRole } from '@/lib/db/queries/memberships';
import { getRoomBySlug } from '@/lib/db/queries/rooms';
import type { MemberRole, Room } from '@/lib/db/schema';
import { BadRequestError } from '@/lib/http/errors';
import { requireRoomRole } from './room-role';

export const roomSlugSchema = z.string().regex(ROOM_SLUG_PATTERN, 'not a room slug');

/** The `[slug]` of a room route's params, or 400. */
export async function roomSlugFrom(context: { params: Promise<{ slug: string }> }): Promise<string> {
  const slug = roomSlugSchema.safeParse((await context.params).slug);
  if (!slug.success) throw new BadRequestError('slug: not a room slug');
  return slug.data;
}

/** A room the user may enter, with their role in it (null in hobby rooms, which have no roles). */
export type RoomAccess = { room: Room; role: MemberRole | null };

/** The room by slug, if this user may use it (requireRoomRole): 404 for no such room, 403 for a business room they are not in. */
export async function requireRoomAccess(slug: string, userId: string): Promise<RoomAccess> {
  const room = await getRoomBySlug(slug);
  const role = room?.kind === 'business' ? await getBusinessRole(room.id, userId) : null;
  return requireRoomRole(room, role);
}
