/**
 * Holds "leave" webhooks (`member_removed`, `channel_vacated`) for a while. Pusher does the same
 * ("a delay of up to three seconds … if the client reconnects within this delay, no webhooks will
 * be sent"), so a page reload or a network blip does not tell the app that a user left and joined.
 *
 * `hold(key, release)` schedules `release` after the delay; `cancel(key)` (the matching "join")
 * drops it and returns true, telling the caller to swallow the join as well.
 */
export class LeaveDelay {
  private readonly held = new Map<string, { timer: NodeJS.Timeout; release: () => void }>();

  constructor(private readonly delayMs: number) {}

  get size(): number {
    return this.held.size;
  }

  hold(key: string, release: () => void): void {
    if (this.delayMs === 0) {
      release();
      return;
    }
    // A second leave for the same key cannot happen without a join in between (which cancels);
    // should it happen anyway, the earlier one goes out now rather than being lost.
    this.releaseNow(key);
    const timer = setTimeout(() => this.releaseNow(key), this.delayMs);
    timer.unref();
    this.held.set(key, { timer, release });
  }

  /** Drops a held leave; true when there was one (the join that cancels it must not be sent either). */
  cancel(key: string): boolean {
    const entry = this.held.get(key);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.held.delete(key);
    return true;
  }

  /** Releases everything held now (shutdown). */
  releaseAll(): void {
    for (const key of [...this.held.keys()]) this.releaseNow(key);
  }

  private releaseNow(key: string): void {
    const entry = this.held.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.held.delete(key);
    entry.release();
  }
}
