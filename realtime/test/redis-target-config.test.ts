import { describe, expect, it } from 'vitest';
import { loadConfigFromEnv } from '../src/config/env';
import { ConfigError } from '../src/config/schema';

const APP_ENV = { PUSHER_APP_ID: 'a', PUSHER_APP_KEY: 'k', PUSHER_APP_SECRET: 's' };

describe('where the cluster finds Redis', () => {
  it('no Redis variable: one process, no cluster section', () => {
    expect(loadConfigFromEnv(APP_ENV).cluster).toBeUndefined();
  });

  it('REALTIME_REDIS_URL: one Redis', () => {
    const cluster = loadConfigFromEnv({ ...APP_ENV, REALTIME_REDIS_URL: 'redis://127.0.0.1:6379' }).cluster;
    expect(cluster?.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(cluster?.sentinels).toBeUndefined();
  });

  it('REALTIME_REDIS_SENTINELS + REALTIME_REDIS_SENTINEL_MASTER: Sentinel, IPv6 in brackets', () => {
    const cluster = loadConfigFromEnv({ ...APP_ENV, REALTIME_REDIS_SENTINELS: ' 10.0.0.1:26379, sentinel-b:26380,[::1]:26381 ', REALTIME_REDIS_SENTINEL_MASTER: 'mymaster' }).cluster;
    expect(cluster?.sentinels).toEqual([
      { host: '10.0.0.1', port: 26379 },
      { host: 'sentinel-b', port: 26380 },
      { host: '::1', port: 26381 },
    ]);
    expect(cluster?.sentinelMaster).toBe('mymaster');
    expect(cluster?.redisUrl).toBeUndefined();
  });

  it.each([
    [{ REALTIME_REDIS_SENTINELS: '127.0.0.1:26379' }, /REALTIME_REDIS_SENTINEL_MASTER/],
    [{ REALTIME_REDIS_SENTINEL_MASTER: 'mymaster' }, /needs REALTIME_REDIS_SENTINELS/],
    [{ REALTIME_REDIS_URL: 'redis://x:6379', REALTIME_REDIS_SENTINELS: 'x:26379', REALTIME_REDIS_SENTINEL_MASTER: 'm' }, /not both/],
    [{ REALTIME_REDIS_SENTINELS: '127.0.0.1', REALTIME_REDIS_SENTINEL_MASTER: 'm' }, /"127.0.0.1" is not host:port/],
    [{ REALTIME_REDIS_SENTINELS: 'a:1,,b:2', REALTIME_REDIS_SENTINEL_MASTER: 'm' }, /is not host:port/],
    [{ REALTIME_REDIS_SENTINELS: 'a:70000', REALTIME_REDIS_SENTINEL_MASTER: 'm' }, /is not host:port/],
  ])('refuses %o with a clear error', (env, message) => {
    expect(() => loadConfigFromEnv({ ...APP_ENV, ...env })).toThrow(ConfigError);
    expect(() => loadConfigFromEnv({ ...APP_ENV, ...env })).toThrow(message);
  });
});
