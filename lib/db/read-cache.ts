import { LRUCache } from 'lru-cache';

/**
 * Where the authorization reads (lib/db/queries/channel-auth.ts) may be answered from. One is chosen when the
 * database is opened (lib/db/client.ts) and travels with it:
 * - PostgreSQL: `passThroughReads`, every read goes to the database. Replicas share it, and a cache in one
 *   replica could not learn of another replica's write before its next read.
 * - embedded PGlite: `WriteInvalidatedReads`. Only this process can open the data directory, so every write
 *   goes through it, and the database itself reports each write (lib/db/embedded-change-notifications.ts).
 */
export interface ReadCache {
  read<Value>(key: string, load: () => Promise<Value>): Promise<Value>;
}

export const passThroughReads: ReadCache = { read: (_key, load) => load() };

/** Entries kept (one per user and room read; ~1,000 people × 50 rooms fit). */
const CACHED_READS_MAX = 100_000;

type Entry = { generation: number; value: unknown };

/**
 * Answers a read from memory until the next write. `invalidate()` runs when a write commits (before the writer
 * resumes, and so before any later request), and a read that was in flight across a write is not kept: its
 * answer was current when it started but may not be now, so only reads that saw no write are remembered.
 */
export class WriteInvalidatedReads implements ReadCache {
  private generation = 0;
  private readonly entries = new LRUCache<string, Entry>({ max: CACHED_READS_MAX });

  async read<Value>(key: string, load: () => Promise<Value>): Promise<Value> {
    const known = this.entries.get(key);
    if (known && known.generation === this.generation) return known.value as Value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) this.entries.set(key, { generation, value });
    return value;
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

/**
 * The cache travels on the database object under a registry symbol, not in a module-level map: the Node front
 * (scripts/app-server.ts) and Next's server bundle each load their own copy of this module but share the one
 * database (lib/db/client.ts keeps it on globalThis).
 */
const READ_CACHE = Symbol.for('presently.readCache');

type WithReadCache = { [READ_CACHE]?: ReadCache };

export function attachReadCache(db: object, cache: ReadCache): void {
  (db as WithReadCache)[READ_CACHE] = cache;
}

export function readCacheOf(db: object): ReadCache {
  return (db as WithReadCache)[READ_CACHE] ?? passThroughReads;
}
