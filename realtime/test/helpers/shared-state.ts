import { randomBytes } from 'node:crypto';
import { findRedis, TestRedis } from './redis';

/**
 * Which shared-state implementation (src/cluster/state-memory.ts or src/cluster/redis/) the in-process test
 * servers use. The protocol suites run twice from the same files: vitest.config.ts has a second project that
 * sets REALTIME_TEST_STATE=redis for them, so each of its servers is a one-node cluster over a real Redis.
 */
export type SharedStateKind = 'memory' | 'redis';

export const SHARED_STATE_ENV = 'REALTIME_TEST_STATE';

export class UnknownSharedStateError extends Error {
  constructor(readonly value: string) {
    super(`${SHARED_STATE_ENV}="${value}": expected "memory" or "redis"`);
    this.name = 'UnknownSharedStateError';
  }
}

export function sharedStateKind(): SharedStateKind {
  const value = process.env[SHARED_STATE_ENV]?.trim() || 'memory';
  if (value !== 'memory' && value !== 'redis') throw new UnknownSharedStateError(value);
  return value;
}

/** What a server over Redis needs: its cluster section, and the Redis to stop with it. */
export interface RedisForServer {
  cluster: { redisUrl: string; keyPrefix: string };
  close(): Promise<void>;
}

/** A Redis of the test's own (a redis-server on a free port, or REALTIME_TEST_REDIS_URL) under a fresh key prefix. */
export async function redisForServer(): Promise<RedisForServer> {
  const source = findRedis();
  if (source.kind === 'none') throw new Error(`${SHARED_STATE_ENV}=redis: ${source.reason}`);
  const redis = await TestRedis.start(source);
  return {
    cluster: { redisUrl: redis.url, keyPrefix: `test-${randomBytes(4).toString('hex')}:` },
    close: () => redis.close(),
  };
}
