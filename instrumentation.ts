/**
 * Runs once when the Next server starts: decides where rate limits are kept (lib/rate-limit/store.ts) and opens
 * the database now (creating, migrating and, when embedded, seeding it on the very first start), so the first
 * visitor does not wait for it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getLimiterStore } = await import('./lib/rate-limit/store');
  getLimiterStore();
  const { prepareDatabaseAtStart } = await import('./lib/db/start');
  try {
    await prepareDatabaseAtStart();
  } catch (error) {
    // Keep serving: getDb() retries on the next request, and each failure is reported there too (the demo
    // data of an embedded database is then added at the next start).
    console.error('[presently] could not open the database at start:', error);
  }
}
