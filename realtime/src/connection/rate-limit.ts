const monotonicNow = (): number => performance.now();

/**
 * Token bucket: holds at most `burst` tokens (default `perSecond`) and refills at `perSecond` tokens
 * per second, so a client may burst up to `burst` and then keep the average rate.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = monotonicNow,
    private readonly burst: number = perSecond,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Takes one token; false when the limit is exceeded. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket is back to its full burst (nothing of past use is left to remember). */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.now();
    const elapsedMs = now - this.updatedAt;
    this.updatedAt = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.perSecond) / 1000);
  }
}
