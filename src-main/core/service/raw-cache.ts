// The bodies of recent lookups, held in main so a result crosses the bridge without its raw text: the detail asks
// for it (lookup:raw) only when the analyst reaches the raw JSON or copies it. The banners of a large result wait
// here too, for lookup:banners. Bounded by count and by size, the oldest going first; an id is random, so one
// window cannot guess another lookup's.
import { randomUUID } from 'node:crypto';

export interface RawCacheLimits {
  /** Bodies held at most. */
  maxEntries: number;
  /** Characters held at most, all bodies together (a single larger body is still held, alone). */
  maxChars: number;
}

export const RAW_CACHE_LIMITS: RawCacheLimits = { maxEntries: 16, maxChars: 128 * 1024 * 1024 };

export class RawCache<T = string> {
  // Insertion order is age: the first key is the oldest.
  readonly #bodies = new Map<string, T>();
  #chars = 0;

  constructor(
    private readonly limits: RawCacheLimits = RAW_CACHE_LIMITS,
    private readonly newId: () => string = () => randomUUID().replaceAll('-', ''),
    /** What a held value counts against maxChars (a body: its length). */
    private readonly charsOf: (value: T) => number = (value) => (value as string).length,
  ) {}

  /** Holds a value and returns its id. */
  put(raw: T): string {
    const id = this.newId();
    this.#bodies.set(id, raw);
    this.#chars += this.charsOf(raw);
    for (const [old, body] of this.#bodies) {
      if (old === id || (this.#bodies.size <= this.limits.maxEntries && this.#chars <= this.limits.maxChars)) break;
      this.#bodies.delete(old);
      this.#chars -= this.charsOf(body);
    }
    return id;
  }

  /** The value under this id, or null once it has been let go. */
  get(id: string): T | null {
    return this.#bodies.get(id) ?? null;
  }

  get size(): number {
    return this.#bodies.size;
  }
}
