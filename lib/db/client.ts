import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import { getConfig } from '@/lib/config';
import { listenForAuthReadChanges } from './embedded-change-notifications';
import { attachReadCache, WriteInvalidatedReads } from './read-cache';
import * as schema from './schema';

/** Either driver, seen through what both have in common. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | 'memory' };

export type DatabaseHandle = { db: Database; target: DatabaseTarget; close: () => Promise<void> };

/** Where drizzle-kit writes migrations; Next runs from the project root in dev and start alike. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'db', 'migrations');
const POSTGRES_POOL_SIZE = 10;
/**
 * Replicas starting together against one empty database would each run the migrations; a session-level
 * PostgreSQL advisory lock lets the first one migrate and the others wait, then find nothing left to do.
 * Any fixed 64-bit number works, as long as every replica uses the same one.
 */
const MIGRATION_LOCK_KEY = 7_403_221_559;

async function migrateUnderLock(pool: Pool, db: Parameters<typeof migratePg>[0]): Promise<void> {
  const lockHolder = await pool.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    lockHolder.release();
  }
}

function describe(target: DatabaseTarget): string {
  if (target.kind === 'postgres') return `PostgreSQL at ${new URL(target.url).host}`;
  return target.dataDir === 'memory' ? 'embedded PGlite (in memory)' : `embedded PGlite in ${target.dataDir}`;
}

/** Opens a database and applies any pending migrations. Every caller gets its own connection. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new Pool({ connectionString: target.url, max: POSTGRES_POOL_SIZE });
    const db = drizzlePg({ client: pool, schema });
    try {
      await migrateUnderLock(pool, db);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db, target, close: () => pool.end() };
  }

  if (target.dataDir !== 'memory') mkdirSync(target.dataDir, { recursive: true });
  const client = target.dataDir === 'memory' ? new PGlite() : new PGlite(target.dataDir);
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    // This process is the embedded database's only writer, so its authorization reads can be kept until it writes.
    const reads = new WriteInvalidatedReads();
    await listenForAuthReadChanges(client, () => reads.invalidate());
    attachReadCache(db, reads);
  } catch (error) {
    await client.close();
    throw error;
  }
  return { db, target, close: () => client.close() };
}

/** The configured database: `DATABASE_URL` when set, else PGlite under `$DATA_DIR/pglite`. */
export function configuredTarget(): DatabaseTarget {
  const { database } = getConfig();
  if (database.url) return { kind: 'postgres', url: database.url };
  return { kind: 'pglite', dataDir: path.resolve(database.dataDir, 'pglite') };
}

async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const target = configuredTarget();
  const started = Date.now();
  console.log(`[presently] opening ${describe(target)}: creating and migrating it on first start takes a few seconds…`);
  const handle = await openDatabase(target);
  console.log(`[presently] database ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return handle;
}

// One database per process, kept on globalThis so Next's dev hot reloads do not open PGlite twice.
const globalForDb = globalThis as typeof globalThis & { __presentlyDatabase?: Promise<DatabaseHandle> };

/** The process's database, opened (and migrated) on first use. The demo data is added at start-up (./start.ts). */
export async function getDb(): Promise<Database> {
  if (!globalForDb.__presentlyDatabase) {
    globalForDb.__presentlyDatabase = openConfiguredDatabase().catch((error: unknown) => {
      // Let the next request try again instead of remembering the failure forever.
      globalForDb.__presentlyDatabase = undefined;
      throw error;
    });
  }
  return (await globalForDb.__presentlyDatabase).db;
}
