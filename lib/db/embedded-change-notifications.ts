import type { PGlite } from '@electric-sql/pglite';

/** The channel the triggers below notify on. */
export const AUTH_READS_CHANGED_CHANNEL = 'presently_auth_reads_changed';

/**
 * Statement-level triggers on everything the authorization reads see (lib/db/queries/channel-auth.ts): any
 * insert, delete or truncate of users, rooms and memberships, any update of rooms and memberships, and updates
 * of the user columns that go into `user_info` or decide access (not `last_seen_at`, written on every leave).
 * The watchlist's contact ids (lib/db/queries/contacts.ts) also read room_authors: there only a row that comes
 * or goes (someone's first message in a room, or their last one deleted) changes who is a contact, so those
 * triggers are per row and ignore the updates every further message makes. (The order among contacts, which
 * only decides who is cut beyond the watchlist's 100, may then lag until the next change.)
 * PostgreSQL delivers the notification when the writing transaction commits; PGlite hands it to the listener
 * while that statement's result is read, before the writer's own code resumes. Installed on every open
 * (idempotent), outside the migrations: only the embedded database listens.
 */
const INSTALL_TRIGGERS = `
CREATE OR REPLACE FUNCTION presently_notify_auth_reads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${AUTH_READS_CHANGED_CHANNEL}', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER presently_users_auth_reads
  AFTER INSERT OR DELETE OR UPDATE OF id, display_name, avatar_color, status, status_updated_at, appear_offline ON users
  FOR EACH STATEMENT EXECUTE FUNCTION presently_notify_auth_reads_changed();
CREATE OR REPLACE TRIGGER presently_users_truncate_auth_reads
  AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION presently_notify_auth_reads_changed();
CREATE OR REPLACE TRIGGER presently_rooms_auth_reads
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rooms
  FOR EACH STATEMENT EXECUTE FUNCTION presently_notify_auth_reads_changed();
CREATE OR REPLACE TRIGGER presently_room_memberships_auth_reads
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON room_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION presently_notify_auth_reads_changed();
CREATE OR REPLACE TRIGGER presently_room_authors_auth_reads
  AFTER INSERT OR DELETE ON room_authors
  FOR EACH ROW EXECUTE FUNCTION presently_notify_auth_reads_changed();
CREATE OR REPLACE TRIGGER presently_room_authors_truncate_auth_reads
  AFTER TRUNCATE ON room_authors FOR EACH STATEMENT EXECUTE FUNCTION presently_notify_auth_reads_changed();
`;

/** Calls `onChange` whenever a committed write may have changed an authorization read. */
export async function listenForAuthReadChanges(client: PGlite, onChange: () => void): Promise<void> {
  await client.exec(INSTALL_TRIGGERS);
  await client.listen(AUTH_READS_CHANGED_CHANNEL, onChange);
}
