// Heights of the rows of a long list, measured where rendered and estimated elsewhere, with the offset of any
// row and the row at any offset in O(log n): a Fenwick tree over the heights. A list of 50,000 rows whose
// visible rows are re-measured on every scroll stays cheap.
export class RowHeights {
  readonly #tree: Float64Array;
  readonly #heights: Float64Array;
  readonly #measured: Uint8Array;

  /** `known(i)` gives a row's height when it was measured before (e.g. before a re-sort), else undefined. */
  constructor(
    readonly count: number,
    readonly estimate: number,
    known: (index: number) => number | undefined = () => undefined,
  ) {
    this.#tree = new Float64Array(count + 1);
    this.#heights = new Float64Array(count);
    this.#measured = new Uint8Array(count);
    // Linear build: each node adds itself to its parent once.
    for (let i = 1; i <= count; i++) {
      const h = known(i - 1);
      this.#heights[i - 1] = h ?? estimate;
      if (h !== undefined) this.#measured[i - 1] = 1;
      this.#tree[i] = (this.#tree[i] ?? 0) + (h ?? estimate);
      const parent = i + (i & -i);
      if (parent <= count) this.#tree[parent] = (this.#tree[parent] ?? 0) + (this.#tree[i] ?? 0);
    }
  }

  heightOf(index: number): number {
    return this.#heights[index] ?? 0;
  }

  isMeasured(index: number): boolean {
    return this.#measured[index] === 1;
  }

  /** Records a measured height; returns true when it changed anything. */
  set(index: number, height: number): boolean {
    if (index < 0 || index >= this.count || !Number.isFinite(height) || height < 0) return false;
    this.#measured[index] = 1;
    const delta = height - (this.#heights[index] ?? 0);
    if (delta === 0) return false;
    this.#heights[index] = height;
    for (let i = index + 1; i <= this.count; i += i & -i) this.#tree[i] = (this.#tree[i] ?? 0) + delta;
    return true;
  }

  /** The distance from the top of the list to the top of row `index` (index = count gives the total height). */
  offsetOf(index: number): number {
    let sum = 0;
    for (let i = Math.min(Math.max(index, 0), this.count); i > 0; i -= i & -i) sum += this.#tree[i] ?? 0;
    return sum;
  }

  get total(): number {
    return this.offsetOf(this.count);
  }

  /** The row that contains the given offset (the last row for offsets past the end, 0 for negative ones). */
  indexAt(offset: number): number {
    if (this.count === 0 || offset <= 0) return 0;
    let index = 0;
    let remaining = offset;
    for (let step = highestPowerOfTwo(this.count); step > 0; step >>= 1) {
      const next = index + step;
      if (next <= this.count && (this.#tree[next] ?? 0) <= remaining) {
        index = next;
        remaining -= this.#tree[next] ?? 0;
      }
    }
    return Math.min(index, this.count - 1);
  }
}

function highestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}
