import { sql } from 'drizzle-orm';
import { getDb } from './client';

/** A load balancer's health check gives up after a few seconds; answer before it does. */
const DATABASE_PING_TIMEOUT_MS = 2_000;

export class DatabaseUnavailableError extends Error {
  constructor(reason: string) {
    super(`the database did not answer: ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Resolves when the database answers a trivial query within the timeout; throws DatabaseUnavailableError otherwise. */
export async function pingDatabase(): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`no answer within ${DATABASE_PING_TIMEOUT_MS} ms`)), DATABASE_PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([getDb().then((db) => db.execute(sql`select 1`)), timeout]);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}
