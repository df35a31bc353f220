export interface MemoryEntry {
  /** Version vector the body was built under; Redis compares it with the current one on every read. */
  vv: string;
  freshUntil: number;
  body: string;
  /** The cache epoch of the request that read or built it (epoch.ts); a request that saw the same one serves it without Redis. */
  epoch?: string;
}

/**
 * The L1 level: a small per-instance LRU of entry bodies (and, typed by its entries, the front answers'
 * store: lib/server/front-answers.ts) (a Map keeps insertion order; a hit
 * re-inserts). Bodies are kept as JSON text and parsed per hit, so no caller can mutate what the
 * next request gets. Bounded by count and by body size; a body too large is simply not kept.
 */
export class MemoryLru<E extends { freshUntil: number; body: string } = MemoryEntry> {
  private readonly entries = new Map<string, E>();

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBodyChars = 256 * 1024,
  ) {}

  /** The copy if still fresh at `now`; a copy past its TTL is dropped (stale reads go to Redis). */
  get(key: string, now: number): E | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now >= entry.freshUntil) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: E): void {
    this.entries.delete(key);
    if (entry.body.length > this.maxBodyChars) return;
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** This instance's L1. */
export const memoryCache = new MemoryLru();
