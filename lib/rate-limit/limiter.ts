import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { LimiterStore } from './store';

/** A fixed-window limit: at most `points` uses per key within `durationSeconds`. */
export type LimitSpec = { name: string; points: number; durationSeconds: number };

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** The one table every PostgreSQL-backed limit shares, keyed `<limit name>:<key>`; the migrations create it (lib/db/schema.ts). */
export const RATE_LIMIT_TABLE = 'rate_limits';

/** rate-limiter-flexible behind the three operations the app needs, the same on every store. */
export class Limiter {
  constructor(
    readonly spec: LimitSpec,
    private readonly backend: RateLimiterAbstract,
  ) {}

  /** Whether one more use would be allowed now, without counting one. */
  async peek(key: string): Promise<LimitDecision> {
    const state = await this.backend.get(key);
    if (!state || state.consumedPoints < this.spec.points) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(1, state.msBeforeNext) };
  }

  /** Counts one use; refused (and not counted beyond the limit's reach) once the key has none left. */
  async consume(key: string): Promise<LimitDecision> {
    try {
      await this.backend.consume(key);
      return { allowed: true };
    } catch (rejection) {
      // The library rejects with RateLimiterRes for "over the limit" and with an Error when the store fails.
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
      throw rejection;
    }
  }

  /** Gives back one use counted by `consume` (an attempt that turned out not to count, e.g. a good sign-in). */
  async refund(key: string): Promise<void> {
    await this.backend.reward(key, 1);
  }

  async reset(key: string): Promise<void> {
    await this.backend.delete(key);
  }
}

/** One limit on the given store. For PostgreSQL the database must be migrated (lib/db/client.ts does it on open). */
export async function openLimiter(store: LimiterStore, spec: LimitSpec): Promise<Limiter> {
  const options = { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds };
  switch (store.kind) {
    case 'memory':
      return new Limiter(spec, new RateLimiterMemory(options));
    case 'redis':
      return new Limiter(spec, new RateLimiterRedis({ ...options, storeClient: store.client }));
    case 'postgres':
      return new Limiter(
        spec,
        new RateLimiterPostgres({ ...options, storeClient: store.pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: true }),
      );
  }
}
