import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../logger';

/** While Redis stays away, the same connection error is logged at most this often. */
const REDIS_ERROR_LOG_INTERVAL_MS = 10_000;
/** Reconnect delay grows by this per failed attempt, up to the maximum. */
const REDIS_RETRY_STEP_MS = 100;
const REDIS_RETRY_MAX_MS = 1_000;

function retryDelay(attempt: number): number {
  return Math.min(attempt * REDIS_RETRY_STEP_MS, REDIS_RETRY_MAX_MS);
}

/** A node's two Redis connections: commands and scripts, and its pub/sub subscriptions. */
export interface RedisClients {
  command: Redis;
  subscriber: Redis;
}

/** Where Redis is (the cluster config's fields): one URL, or Sentinel's master by name. */
export interface RedisTarget {
  redisUrl?: string | undefined;
  sentinels?: { host: string; port: number }[] | undefined;
  sentinelMaster?: string | undefined;
}

/**
 * A write refused with READONLY means this connection reaches a replica (a master that came back as
 * one after a failover, or a DNS name not yet moved): reconnect, so Sentinel is asked again for the
 * master; the connection drop makes the node re-assert its state there.
 */
function reconnectOnReadOnly(error: Error): boolean | 1 {
  return error.message.startsWith('READONLY') ? 1 : false;
}

function connect(target: RedisTarget, options: RedisOptions): Redis {
  if (target.sentinels !== undefined) {
    // failoverDetector: ioredis subscribes to +switch-master on the sentinels and moves at once,
    // instead of waiting for the old master's connection to time out.
    return new Redis({ ...options, sentinels: target.sentinels, name: target.sentinelMaster as string, role: 'master', failoverDetector: true, sentinelRetryStrategy: retryDelay });
  }
  return new Redis(target.redisUrl as string, options);
}

export function createRedisClients(target: RedisTarget): RedisClients {
  const options: RedisOptions = {
    lazyConnect: true,
    // A command while Redis is away fails at once (the caller answers 503) instead of waiting.
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
    retryStrategy: retryDelay,
    reconnectOnError: reconnectOnReadOnly,
  };
  return {
    // Commands issued in one event-loop turn (a batch's publishes) go out in one write, in order.
    command: connect(target, { ...options, enableAutoPipelining: true }),
    // The subscriber queues (re)subscriptions made while reconnecting; ioredis re-subscribes on reconnect.
    subscriber: connect(target, { ...options, enableOfflineQueue: true }),
  };
}

/** Logs a connection's errors (rate-limited) and readiness; `onClose` runs whenever it drops. */
export function watchConnection(name: string, redis: Redis, log: Logger, onClose: () => void): void {
  let lastLogged = { message: '', at: 0 };
  redis.on('error', (error: Error) => {
    // ioredis retries every second while Redis is away: one line per new error, then one per interval.
    const now = Date.now();
    if (error.message === lastLogged.message && now - lastLogged.at < REDIS_ERROR_LOG_INTERVAL_MS) return;
    lastLogged = { message: error.message, at: now };
    log.warn(`redis ${name} connection: ${error.message}`, { event: 'redis_error' });
  });
  redis.on('close', onClose);
  redis.on('ready', () => log.info(`redis ${name} connection ready`, { event: 'redis_ready' }));
}

/** Resolves once connected; while Redis is unreachable ioredis keeps retrying (and the errors are logged). */
export function connectWhenPossible(redis: Redis): Promise<void> {
  return new Promise((resolve) => {
    redis.once('ready', () => resolve());
    redis.connect().catch(() => {
      // The 'error' listener logs it; the retry strategy keeps trying until 'ready'.
    });
  });
}

/** Where the node connects, without a password, for logs. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.sentinels !== undefined) {
    return `master "${target.sentinelMaster ?? ''}" of Sentinel ${target.sentinels.map(({ host, port }) => `${host}:${port}`).join(',')}`;
  }
  return redactRedisUrl(target.redisUrl ?? '');
}

/** The URL without its password, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}
