// Relative times ("3 days ago") kept current without re-rendering anything: each shown stamp registers the one
// text node that holds its relative time, and a tick rewrites only the texts that actually changed. Stamps that
// are not mounted (rows scrolled out of a virtual table) are not registered and cost nothing. No DOM types here:
// a target is anything with a nodeValue.
export interface RelativeTarget {
  ms: number;
  node: { nodeValue: string | null };
}

export class RelativeTimes {
  readonly #targets = new Set<RelativeTarget>();
  readonly #format: (ms: number, now: number) => string;

  constructor(format: (ms: number, now: number) => string) {
    this.#format = format;
  }

  /** Shows the relative time now and keeps it current until the returned function is called. */
  add(target: RelativeTarget, now: number): () => void {
    target.node.nodeValue = this.#format(target.ms, now);
    this.#targets.add(target);
    return () => this.#targets.delete(target);
  }

  /** Rewrites the texts that differ at `now`; returns how many were written. */
  refresh(now: number): number {
    let written = 0;
    for (const t of this.#targets) {
      const text = this.#format(t.ms, now);
      if (t.node.nodeValue !== text) {
        t.node.nodeValue = text;
        written++;
      }
    }
    return written;
  }

  get size(): number {
    return this.#targets.size;
  }
}
