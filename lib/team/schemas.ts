import { z } from 'zod';
import { ROOM_DESCRIPTION_MAX_LENGTH, ROOM_NAME_MAX_LENGTH, ROOM_SLUG_MAX_LENGTH, USERNAME_MAX_LENGTH } from '@/lib/db/limits';

/** A room's address from its name: "Design Team!" → "design-team". */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ROOM_SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}

/** Body of `POST /api/rooms`. */
export const createRoomRequestSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the room a name.')
    .max(ROOM_NAME_MAX_LENGTH, `Room names can be at most ${ROOM_NAME_MAX_LENGTH} characters.`)
    .refine((name) => slugFromName(name).length > 0, 'Use at least one letter or digit in the name.'),
  kind: z.enum(['hobby', 'business']),
  description: z.string().trim().max(ROOM_DESCRIPTION_MAX_LENGTH, `At most ${ROOM_DESCRIPTION_MAX_LENGTH} characters.`).default(''),
});

/** Body of `POST /api/rooms/{slug}/invitations`. */
export const inviteRequestSchema = z.object({ username: z.string().trim().toLowerCase().min(1, 'Enter a username.').max(USERNAME_MAX_LENGTH) });

/** The `{username}` of `DELETE /api/rooms/{slug}/invitations/{username}`. */
export const invitedUsernameSchema = z.string().min(1).max(USERNAME_MAX_LENGTH);

/** Body of `PATCH /api/rooms/{slug}/members/{userId}`. */
export const changeRoleRequestSchema = z.object({ role: z.enum(['admin', 'member']) });
