import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import {
  COLOR_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  MESSAGE_BODY_MAX_LENGTH,
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
    /** When the user was last seen leaving a room (kept from the realtime server's webhooks); null if never. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
    /** "Appear offline": nobody else sees this user in any room, list, count or lobby while it is on. */
    appearOffline: boolean('appear_offline').notNull().default(false),
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
  (table) => [
    primaryKey({ columns: [table.roomId, table.userId] }),
    index('room_memberships_user_idx').on(table.userId),
    index('room_memberships_room_joined_idx').on(table.roomId, table.createdAt),
  ],
);

/**
 * An admin's invitation to a business room, pending until the invitee accepts (it becomes a membership) or
 * declines, or an admin revokes it. Keyed by the username the admin typed, so asking for a name nobody has is
 * stored and answered like any other (the admin learns nothing about which usernames exist); `invitee_id` is the
 * account that name belonged to when invited, null when none did, and only that account ever sees the invitation.
 * A pending invitee is not a member: no access, not a contact.
 */
export const teamInvitations = pgTable(
  'team_invitations',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    inviteeUsername: varchar('invitee_username', { length: USERNAME_MAX_LENGTH }).notNull(),
    inviteeId: uuid('invitee_id').references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.roomId, table.inviteeUsername] }), index('team_invitations_invitee_idx').on(table.inviteeId)],
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

/**
 * Chat messages. `created_at` is cut to milliseconds so a JavaScript Date carries it exactly, which keyset
 * pagination on (room, created_at, id) needs. `client_id` is the sender's own id for the message, so a retried
 * send is stored once. Deleted messages keep their row (deleted_at set, body cleared).
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').notNull(),
    body: varchar('body', { length: MESSAGE_BODY_MAX_LENGTH }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .default(sql`date_trunc('milliseconds', now())`),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('messages_room_created_id_idx').on(table.roomId, table.createdAt, table.id),
    uniqueIndex('messages_author_client_id_idx').on(table.authorId, table.clientId),
  ],
);

/**
 * Who has written in which room, kept by triggers on messages (migration 0003): a row per room and author with
 * at least one message that is not deleted, their count and the time of the latest. The watchlist's contacts
 * (lib/db/queries/contacts.ts) read this on every signin instead of scanning the rooms' messages.
 */
export const roomAuthors = pgTable(
  'room_authors',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    liveMessages: integer('live_messages').notNull(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.roomId, table.authorId] }),
    index('room_authors_author_idx').on(table.authorId),
    index('room_authors_room_latest_idx').on(table.roomId, table.lastMessageAt),
  ],
);

/**
 * The rate limits' counters when they live in PostgreSQL (lib/rate-limit/limiter.ts): rate-limiter-flexible's own
 * table layout, `key` being `<limit name>:<key>` and `expire` milliseconds since the epoch. Created here, once,
 * under the migrations' lock, and not by the library on first use: replicas starting together on a fresh database
 * raced in CREATE TABLE IF NOT EXISTS (seen in CI: 'type "rate_limits" already exists' failed a sign-in).
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Room = typeof rooms.$inferSelect;
export type RoomKind = (typeof roomKind.enumValues)[number];
export type MemberRole = (typeof memberRole.enumValues)[number];
export type Message = typeof messages.$inferSelect;
