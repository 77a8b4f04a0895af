/**
 * An in-memory sliding-window limiter: at most `limit` events per key within the last `windowMs`.
 * One process only (the app runs as one); a multi-instance deployment would move this to a shared store.
 */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export type SlidingWindowOptions = {
  limit: number;
  windowMs: number;
  /** Upper bound on remembered keys, so a flood of distinct usernames cannot exhaust memory. */
  maxKeys?: number;
  now?: () => number;
};

const DEFAULT_MAX_KEYS = 10_000;

export class SlidingWindowRateLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: SlidingWindowOptions) {
    if (options.limit < 1 || options.windowMs <= 0) throw new RangeError('limit and windowMs must be positive');
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.now = options.now ?? Date.now;
  }

  /** Whether one more event for this key would stay within the limit. Does not record anything. */
  check(key: string): RateLimitDecision {
    const recent = this.recent(key);
    if (recent.length < this.limit) return { allowed: true };
    const oldestCounted = recent[recent.length - this.limit] ?? this.now();
    return { allowed: false, retryAfterMs: Math.max(1, oldestCounted + this.windowMs - this.now()) };
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Only the newest `limit` events can ever matter for a decision.
    if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
    this.events.delete(key);
    this.events.set(key, recent);
    this.evictOverflow();
  }

  reset(key: string): void {
    this.events.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const kept = (this.events.get(key) ?? []).filter((time) => time > cutoff);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }

  /** Maps iterate in insertion order and `record` re-inserts, so the first keys are the least recently used. */
  private evictOverflow(): void {
    for (const key of this.events.keys()) {
      if (this.events.size <= this.maxKeys) return;
      this.events.delete(key);
    }
  }
}
