import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import {
  COLOR_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  ROOM_DESCRIPTION_MAX_LENGTH,
  ROOM_NAME_MAX_LENGTH,
  ROOM_SLUG_MAX_LENGTH,
  STATUS_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
} from './limits';

export const roomKind = pgEnum('room_kind', ['hobby', 'business']);
export const memberRole = pgEnum('member_role', ['admin', 'member']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: varchar('username', { length: USERNAME_MAX_LENGTH }).notNull().unique(),
    displayName: varchar('display_name', { length: DISPLAY_NAME_MAX_LENGTH }).notNull(),
    /** argon2id PHC string; null for accounts that only sign in through GitHub. */
    passwordHash: text('password_hash'),
    color: varchar('avatar_color', { length: COLOR_LENGTH }).notNull(),
    status: varchar('status', { length: STATUS_MAX_LENGTH }).notNull().default(''),
    statusUpdatedAt: timestamp('status_updated_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [check('users_avatar_color_hex', sql`${table.color} ~ '^#[0-9a-f]{6}$'`)],
);

export const rooms = pgTable('rooms', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: varchar('slug', { length: ROOM_SLUG_MAX_LENGTH }).notNull().unique(),
  name: varchar('name', { length: ROOM_NAME_MAX_LENGTH }).notNull(),
  kind: roomKind('kind').notNull(),
  description: varchar('description', { length: ROOM_DESCRIPTION_MAX_LENGTH }).notNull().default(''),
});

/** Who belongs to a business room. Hobby rooms are open to every signed-in user and have no rows here. */
export const roomMemberships = pgTable(
  'room_memberships',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.roomId, table.userId] }), index('room_memberships_user_idx').on(table.userId)],
);

/** Links a GitHub account (by its stable numeric id, not the renamable login) to a user. */
export const githubAccounts = pgTable('github_accounts', {
  githubId: varchar('github_id', { length: 32 }).primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Room = typeof rooms.$inferSelect;
export type RoomKind = (typeof roomKind.enumValues)[number];
export type MemberRole = (typeof memberRole.enumValues)[number];
