import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { getConfig } from '@/lib/config';

/**
 * Where rate-limit counters live, chosen once per process from the configuration: Redis when REDIS_URL is
 * set, else the PostgreSQL server when DATABASE_URL is set (so every replica counts together), else this
 * process's memory (the embedded single process, where there is nobody to share with).
 */
export type LimiterStore =
  | { kind: 'memory' }
  | { kind: 'postgres'; pool: Pool; close: () => Promise<void> }
  | { kind: 'redis'; client: Redis; close: () => Promise<void> };

export type LimiterStoreSettings = { redisUrl?: string; databaseUrl?: string };

/** Counters need few connections: one query per sign-in attempt or message, each a single statement. */
const POSTGRES_POOL_SIZE = 3;
/** A rate-limit check waits at most this long for a store before the request fails instead of hanging. */
const STORE_TIMEOUT_MS = 2_000;
/** ioredis retries a command across reconnects; a limiter check should fail fast instead. */
const REDIS_RETRIES_PER_COMMAND = 1;

export function openLimiterStore({ redisUrl, databaseUrl }: LimiterStoreSettings): LimiterStore {
  if (redisUrl) {
    const client = new Redis(redisUrl, {
      connectTimeout: STORE_TIMEOUT_MS,
      commandTimeout: STORE_TIMEOUT_MS,
      maxRetriesPerRequest: REDIS_RETRIES_PER_COMMAND,
    });
    client.on('error', (error: Error) => console.error(`[rate-limit] Redis: ${error.message}`));
    return { kind: 'redis', client, close: async () => void (await client.quit()) };
  }
  if (databaseUrl) {
    const pool = new Pool({
      connectionString: databaseUrl,
      max: POSTGRES_POOL_SIZE,
      connectionTimeoutMillis: STORE_TIMEOUT_MS,
      query_timeout: STORE_TIMEOUT_MS,
    });
    pool.on('error', (error) => console.error(`[rate-limit] PostgreSQL: ${error.message}`));
    return { kind: 'postgres', pool, close: () => pool.end() };
  }
  return { kind: 'memory' };
}

export function describeLimiterStore(store: LimiterStore): string {
  if (store.kind === 'redis') return 'Redis (REDIS_URL), shared by every replica';
  if (store.kind === 'postgres') return 'PostgreSQL (DATABASE_URL), shared by every replica';
  return 'this process’s memory (single process; set DATABASE_URL or REDIS_URL for replicas)';
}

// On globalThis so Next's dev hot reloads keep one store (and its connections) per process.
const globalForStore = globalThis as typeof globalThis & { __presentlyLimiterStore?: LimiterStore };

/** The process's limiter store, decided on first use (instrumentation.ts makes that the server's start). */
export function getLimiterStore(): LimiterStore {
  if (!globalForStore.__presentlyLimiterStore) {
    const config = getConfig();
    const store = openLimiterStore({ redisUrl: config.redisUrl, databaseUrl: config.database.url });
    console.log(`[presently] rate limits kept in ${describeLimiterStore(store)}`);
    globalForStore.__presentlyLimiterStore = store;
  }
  return globalForStore.__presentlyLimiterStore;
}
