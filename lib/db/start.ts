import { configuredTarget, getDb } from './client';
import { seedDemoData } from './seed';

/**
 * Start-up (instrumentation.ts): opens the process's database now and, when it is the embedded one, adds the
 * demo rooms and users that are missing. Seeding lives here rather than in client.ts because the seed writes
 * through the queries, which use client.ts: in client.ts it closed an import circle.
 */
export async function prepareDatabaseAtStart(): Promise<void> {
  const db = await getDb();
  if (configuredTarget().kind !== 'pglite') return;
  const seeded = await seedDemoData(db);
  if (seeded) console.log('[presently] seeded demo rooms and users (password for all: see README, "Demo accounts")');
}
