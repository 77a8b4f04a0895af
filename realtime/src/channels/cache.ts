import { CACHE_TTL_MS, MAX_CACHED_CHANNELS } from '../config/limits';

/** `cache-`, `private-cache-`, `private-encrypted-cache-` and `presence-cache-` channels. */
export function isCacheChannel(name: string): boolean {
  return /^(?:private-encrypted-|private-|presence-)?cache-/.test(name);
}

/**
 * The last event of each cache channel of one app, as its serialized frame, so a new subscriber
 * gets it right after subscribing (or `pusher:cache_miss` when there is none). Entries expire after
 * CACHE_TTL_MS; the oldest is evicted beyond MAX_CACHED_CHANNELS.
 */
export class EventCache {
  private readonly entries = new Map<string, { frame: string; expiresAt: number }>();

  constructor(
    private readonly ttlMs = CACHE_TTL_MS,
    private readonly maxEntries = MAX_CACHED_CHANNELS,
    private readonly now: () => number = Date.now,
  ) {}

  remember(channel: string, frame: string): void {
    this.entries.delete(channel); // re-insert at the end: Map order is our age order
    this.entries.set(channel, { frame, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Drops the channel's entry (cluster mode: Redis said there is no last event). */
  forget(channel: string): void {
    this.entries.delete(channel);
  }

  lookup(channel: string): string | null {
    const entry = this.entries.get(channel);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(channel);
      return null;
    }
    return entry.frame;
  }
}
