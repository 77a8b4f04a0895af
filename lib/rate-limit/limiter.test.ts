import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresAvailable, type TestDatabaseKind } from '@/lib/db/test-databases';
import { availableOrFailInCi } from '@/lib/test-support/required-in-ci';
import { openLimiter, type LimitSpec } from './limiter';
import { openLimiterStore, type LimiterStore, type LimiterStoreSettings } from './store';

/**
 * The limiter on every store this machine has: memory always, PostgreSQL when DATABASE_URL is set (a throwaway
 * database), Redis when REDIS_URL is set. For the shared stores, two separately opened stores stand for two
 * replicas: what one counts, the other sees.
 */
type Backend = { name: string; settings: () => Promise<LimiterStoreSettings>; shared: boolean };

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  // Stores (added at the front) close before the throwaway database is dropped.
  for (const close of closers) await close();
});

const backends: Backend[] = [{ name: 'memory', settings: async () => ({}), shared: false }];
if (postgresAvailable()) {
  backends.push({
    name: 'postgres',
    shared: true,
    settings: async () => {
      const handle = await openTestDatabase('postgres' satisfies TestDatabaseKind);
      closers.push(handle.close);
      if (handle.target.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
      return { databaseUrl: handle.target.url };
    },
  });
}
// CI starts one throwaway Redis for the tests (REALTIME_TEST_REDIS_URL); REDIS_URL itself would also switch the e2e app's store.
const testRedisUrl = process.env.REDIS_URL || process.env.REALTIME_TEST_REDIS_URL;
if (availableOrFailInCi(Boolean(testRedisUrl), 'REALTIME_TEST_REDIS_URL or REDIS_URL (a Redis for the shared limiter store)') && testRedisUrl) backends.push({ name: 'redis', shared: true, settings: async () => ({ redisUrl: testRedisUrl }) });

function openStore(settings: LimiterStoreSettings): LimiterStore {
  const store = openLimiterStore(settings);
  if (store.kind !== 'memory') closers.unshift(store.close);
  return store;
}

const uniqueSpec = (points: number, durationSeconds = 60): LimitSpec => ({
  name: `test-${randomBytes(6).toString('hex')}`,
  points,
  durationSeconds,
});

describe.each(backends)('limiter on $name', ({ name, settings, shared }) => {
  it('chooses the store the settings name', async () => {
    expect(openStore(await settings()).kind).toBe(name);
  });

  it('allows `points` uses per key, then refuses with the time until the window ends', async () => {
    const spec = uniqueSpec(3, 60);
    const limiter = await openLimiter(openStore(await settings()), spec);
    for (let use = 0; use < 3; use += 1) expect(await limiter.consume('alice')).toEqual({ allowed: true });
    const refused = await limiter.consume('alice');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    expect(await limiter.consume('bob')).toEqual({ allowed: true });
  });

  it('peek does not count, reset forgets the key', async () => {
    const limiter = await openLimiter(openStore(await settings()), uniqueSpec(2));
    expect(await limiter.peek('carol')).toEqual({ allowed: true });
    await limiter.consume('carol');
    expect(await limiter.peek('carol')).toEqual({ allowed: true });
    await limiter.consume('carol');
    expect((await limiter.peek('carol')).allowed).toBe(false);
    await limiter.reset('carol');
    expect(await limiter.peek('carol')).toEqual({ allowed: true });
  });

  it('allows again once the window has passed', async () => {
    const limiter = await openLimiter(openStore(await settings()), uniqueSpec(1, 1));
    await limiter.consume('dave');
    expect((await limiter.consume('dave')).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.consume('dave')).toEqual({ allowed: true });
  });

  it.runIf(shared)('counts uses from two replicas together', async () => {
    const where = await settings();
    const spec = uniqueSpec(4);
    const [first, second] = await Promise.all([openLimiter(openStore(where), spec), openLimiter(openStore(where), spec)]);
    await first.consume('erin');
    await second.consume('erin');
    await first.consume('erin');
    await second.consume('erin');
    expect((await first.peek('erin')).allowed).toBe(false);
    expect((await second.consume('erin')).allowed).toBe(false);
  });
});

if (postgresAvailable()) {
  describe('limiter on postgres, first start', () => {
    /** The app opens about this many limits per process; several fresh databases, as the race is one of timing. */
    const LIMITS_PER_REPLICA = 6;
    const FIRST_STARTS = 5;
    // Seen in CI: two replicas starting on a fresh database both created the shared table at once, and one
    // sign-in failed with 'type "rate_limits" already exists'.
    it('opens many limits at once, from two replicas, on a database without the table yet', async () => {
      for (let start = 0; start < FIRST_STARTS; start += 1) {
        const handle = await openTestDatabase('postgres' satisfies TestDatabaseKind);
        closers.push(handle.close);
        if (handle.target.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
        const replicas = [openStore({ databaseUrl: handle.target.url }), openStore({ databaseUrl: handle.target.url })];
        const limiters = await Promise.all(replicas.flatMap((store) => Array.from({ length: LIMITS_PER_REPLICA }, () => openLimiter(store, uniqueSpec(1)))));
        for (const limiter of limiters) expect(await limiter.consume('alice')).toEqual({ allowed: true });
      }
    });
  });
}
