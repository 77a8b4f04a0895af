import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database, type DatabaseHandle } from './client';
import { availableOrFailInCi } from '@/lib/test-support/required-in-ci';
import { createUser } from './queries/users';

/**
 * Databases for data-layer tests: PGlite in memory always, plus a throwaway database on the PostgreSQL server
 * named by DATABASE_URL when it is set (created here, dropped on close), so tests never share state.
 */
export type TestDatabaseKind = 'pglite' | 'postgres';

/** PGlite, plus PostgreSQL when DATABASE_URL is set; in CI (CI=true) a missing DATABASE_URL throws instead of skipping. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return postgresAvailable() ? ['pglite', 'postgres'] : ['pglite'];
}

export function postgresAvailable(): boolean {
  return availableOrFailInCi(Boolean(process.env.DATABASE_URL), 'DATABASE_URL (a PostgreSQL server for the data-layer tests)');
}

async function withAdminClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function openTestDatabase(kind: TestDatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite', dataDir: 'memory' });

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required for PostgreSQL tests');
  const name = `presently_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Makes password-less people by name in `db`, their usernames suffixed with the database kind (within the limit). */
export function peopleIn(db: Database, kind: TestDatabaseKind) {
  return (name: string) => createUser({ username: `${name}-${kind}`.slice(0, 20), displayName: name, passwordHash: null }, db);
}
