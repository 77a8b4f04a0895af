import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Start-up (instrumentation.ts) prepares the configured embedded database: opened, migrated and seeded with the
 * demo people, who can then sign in. The seeding moved here from client.ts (whose import of the seed closed an
 * import circle through the queries), so this is what keeps the demo accounts of README and e2e working.
 */
/** Creating and migrating a PGlite on disk, then hashing the demo password, takes a while on a busy machine. */
const START_TIMEOUT_MS = 120_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'presently-start-'));
vi.stubEnv('DATABASE_URL', '');
vi.stubEnv('DATA_DIR', dataDir);
// The configuration is read whole; these values only satisfy it (nothing here signs or connects).
vi.stubEnv('AUTH_SECRET', 'test-secret-'.padEnd(32, 'x'));
vi.stubEnv('PUSHER_APP_ID', 'start-test');
vi.stubEnv('PUSHER_APP_KEY', 'start-test-key');
vi.stubEnv('PUSHER_APP_SECRET', 'start-test-secret');

afterAll(async () => {
  // getDb() keeps the process's database on globalThis; close it before its files go.
  const opened = (globalThis as typeof globalThis & { __presentlyDatabase?: Promise<{ close: () => Promise<void> }> }).__presentlyDatabase;
  await (await opened)?.close();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('prepareDatabaseAtStart', () => {
  it('seeds the embedded database with the demo people, and opening it alone does not', async () => {
    const { getDb } = await import('./client');
    const { getUserByUsername } = await import('./queries/users');
    const { prepareDatabaseAtStart } = await import('./start');
    const db = await getDb();
    expect(await getUserByUsername('alice', db)).toBeNull();
    await prepareDatabaseAtStart();
    expect((await getUserByUsername('alice', db))?.displayName).toBe('Alice Anders');
    expect((await getUserByUsername('carol', db))?.displayName).toBe('Carol Chen');
  }, START_TIMEOUT_MS);
});
