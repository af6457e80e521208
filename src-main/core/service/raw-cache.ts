// The bodies of recent lookups, held in main so a result crosses the bridge without its raw text: the detail asks
// for it (lookup:raw) only when the analyst reaches the raw JSON or copies it. Bounded by count and by size, the
// oldest going first; an id is random, so one window cannot guess another lookup's.
import { randomUUID } from 'node:crypto';

export interface RawCacheLimits {
  /** Bodies held at most. */
  maxEntries: number;
  /** Characters held at most, all bodies together (a single larger body is still held, alone). */
  maxChars: number;
}

export const RAW_CACHE_LIMITS: RawCacheLimits = { maxEntries: 16, maxChars: 128 * 1024 * 1024 };

export class RawCache {
  // Insertion order is age: the first key is the oldest.
  readonly #bodies = new Map<string, string>();
  #chars = 0;

  constructor(
    private readonly limits: RawCacheLimits = RAW_CACHE_LIMITS,
    private readonly newId: () => string = () => randomUUID().replaceAll('-', ''),
  ) {}

  /** Holds a body and returns its id. */
  put(raw: string): string {
    const id = this.newId();
    this.#bodies.set(id, raw);
    this.#chars += raw.length;
    for (const [old, body] of this.#bodies) {
      if (old === id || (this.#bodies.size <= this.limits.maxEntries && this.#chars <= this.limits.maxChars)) break;
      this.#bodies.delete(old);
      this.#chars -= body.length;
    }
    return id;
  }

  /** The body under this id, or null once it has been let go. */
  get(id: string): string | null {
    return this.#bodies.get(id) ?? null;
  }

  get size(): number {
    return this.#bodies.size;
  }
}
