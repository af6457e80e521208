// Back and forward between places in the app (a screen, or a saved entry within History), as a browser does:
// visiting a new place drops what lay ahead.

export class NavStack<T> {
  #past: T[] = [];
  #future: T[] = [];
  readonly #same: (a: T, b: T) => boolean;
  readonly #limit: number;

  constructor(same: (a: T, b: T) => boolean = Object.is, limit = 50) {
    this.#same = same;
    this.#limit = limit;
  }

  /** Records leaving `from` for `to`; a move to the same place records nothing. */
  visit(from: T, to: T): void {
    if (this.#same(from, to)) return;
    this.#past.push(from);
    if (this.#past.length > this.#limit) this.#past.shift();
    this.#future = [];
  }

  /** The place to return to from `here`, or null when there is none. */
  back(here: T): T | null {
    const to = this.#past.pop();
    if (to === undefined) return null;
    this.#future.push(here);
    return to;
  }

  forward(here: T): T | null {
    const to = this.#future.pop();
    if (to === undefined) return null;
    this.#past.push(here);
    return to;
  }

  get canGoBack(): boolean {
    return this.#past.length > 0;
  }
  get canGoForward(): boolean {
    return this.#future.length > 0;
  }
}
