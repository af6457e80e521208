// How much of one banner is on screen. Only the shown part is ever escaped and rendered, so a banner of
// several megabytes costs what is visible, not what was received.
import { foldPoint, safeCut, toSegments, type Segment } from '../../lib/visible-text';
import { pairLineEnds } from './line-ends';

/** Expanding shows this much at a time; beyond it the analyst asks for more (or copies the whole banner). */
export const EXPANDED_CHUNK = 100_000;

/** One formatter for the character counts: toLocaleString builds a new one on every call, per row rendered. */
export const COUNT = new Intl.NumberFormat('en-US');

export class BannerFold {
  #text: () => string = () => '';
  /** null = folded; otherwise how many characters are shown. */
  #shown = $state<number | null>(null);

  #fold = $derived(foldPoint(this.#text()));
  #end = $derived(this.#shown === null ? this.#fold.end : Math.min(this.#shown, this.#text().length));
  #segments = $derived<Segment[]>(pairLineEnds(toSegments(this.#text(), 0, this.#end)));

  constructor(text: () => string) {
    this.#text = text;
  }

  get segments(): Segment[] {
    return this.#segments;
  }
  get total(): number {
    return this.#text().length;
  }
  get shownChars(): number {
    return this.#end;
  }
  /** True when some of the banner is not on screen. */
  get truncated(): boolean {
    return this.#end < this.#text().length;
  }
  get expanded(): boolean {
    return this.#shown !== null;
  }
  /** Can be folded at all (longer than the fold). */
  get foldable(): boolean {
    return this.#fold.folded;
  }
  get remaining(): number {
    return this.#text().length - this.#end;
  }

  /** Shows everything when that is reasonable, otherwise the next chunk. */
  showMore(): void {
    const text = this.#text();
    const from = this.#shown ?? this.#fold.end;
    this.#shown = text.length <= EXPANDED_CHUNK * 2 ? text.length : safeCut(text, from + EXPANDED_CHUNK);
  }

  fold(): void {
    this.#shown = null;
  }
}
