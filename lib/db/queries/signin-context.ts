import { eq, sql } from 'drizzle-orm';
import { MAX_CONTACTS } from '@/lib/people/limits';
import { getDb, type Database } from '../client';
import { isUserId } from './ids';
import { preparedPerDatabase } from '../prepared';
import { readCacheOf } from '../read-cache';
import { users } from '../schema';
import { authIdentityColumns, type ChannelAuthContext } from './channel-auth';
import { contactIdsSelect } from './contacts';

/** What a signin with a watchlist signs: the user's identity and their contacts' ids, in rank order. */
export type SigninContext = { user: ChannelAuthContext['user']; contactIds: readonly string[] };

const signinQuery = preparedPerDatabase((db: Database) =>
  db
    .select({
      ...authIdentityColumns,
      // ARRAY(subquery) keeps the subquery's order.
      contactIds: sql<string[]>`array(${contactIdsSelect(db)})::text[]`,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare('signin_context'),
);

async function readSigninContext(database: Database, userId: string, limit: number): Promise<SigninContext | null> {
  const [row] = await signinQuery(database).execute({ userId, limit });
  if (!row) return null;
  const { contactIds, ...user } = row;
  return { user, contactIds };
}

/**
 * The user and their contacts' ids (lib/db/queries/contacts.ts) in one round trip: user authentication runs once
 * per connection, so on PostgreSQL two reads would be two round trips on every connect of a reconnect storm. On
 * the embedded database the answer is kept until the next relevant write (lib/db/read-cache.ts). Null when the
 * user does not exist. The answer is shared between callers: do not change it.
 */
export async function getSigninContext(userId: string, limit = MAX_CONTACTS, db?: Database): Promise<SigninContext | null> {
  if (!isUserId(userId)) return null;
  const database = db ?? (await getDb());
  return readCacheOf(database).read(`signin:${userId}:${limit}`, () => readSigninContext(database, userId, limit));
}
