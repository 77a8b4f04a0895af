import { describe, expect, it } from 'vitest';
import { SlidingWindowRateLimiter } from './rate-limit';

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('SlidingWindowRateLimiter', () => {
  it('allows up to the limit, then refuses with the time until the oldest event leaves the window', () => {
    const time = clock();
    const limiter = new SlidingWindowRateLimiter({ limit: 3, windowMs: 60_000, now: time.now });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(limiter.check('alice')).toEqual({ allowed: true });
      limiter.record('alice');
      time.advance(10_000);
    }
    expect(limiter.check('alice')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    time.advance(29_999);
    expect(limiter.check('alice').allowed).toBe(false);
    time.advance(1);
    expect(limiter.check('alice')).toEqual({ allowed: true });
  });

  it('slides: only events inside the window count', () => {
    const time = clock();
    const limiter = new SlidingWindowRateLimiter({ limit: 2, windowMs: 1_000, now: time.now });
    limiter.record('k');
    time.advance(600);
    limiter.record('k');
    expect(limiter.check('k').allowed).toBe(false);
    time.advance(401);
    expect(limiter.check('k')).toEqual({ allowed: true });
    limiter.record('k');
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterMs: 599 });
  });

  it('keeps keys apart and forgets a key on reset', () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 1_000, now: clock().now });
    limiter.record('a');
    expect(limiter.check('a').allowed).toBe(false);
    expect(limiter.check('b').allowed).toBe(true);
    limiter.reset('a');
    expect(limiter.check('a').allowed).toBe(true);
  });

  it('bounds memory by forgetting the least recently used keys', () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2, now: clock().now });
    limiter.record('first');
    limiter.record('second');
    limiter.record('third');
    expect(limiter.check('first').allowed).toBe(true);
    expect(limiter.check('second').allowed).toBe(false);
    expect(limiter.check('third').allowed).toBe(false);
  });

  it('rejects nonsensical settings', () => {
    expect(() => new SlidingWindowRateLimiter({ limit: 0, windowMs: 1 })).toThrow(RangeError);
  });
});
