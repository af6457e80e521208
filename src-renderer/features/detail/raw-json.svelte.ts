// The raw response view: pretty-printed when it parses, or exactly as received, a page at a time. Nothing is
// formatted until the section asks for it, so a large body costs nothing while the banners appear.
import { toSegments, type Segment } from '../../lib/visible-text';
import { pageStarts, utf8Length } from './raw-json-pages';

function prettyPrint(raw: string): string | null {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return null;
  }
}

export class RawJson {
  #raw: () => string = () => '';
  #asReceived = $state(false);
  #page = $state(0);

  #pretty = $derived(prettyPrint(this.#raw()));
  #text = $derived(this.#asReceived || this.#pretty === null ? this.#raw() : this.#pretty);
  #starts = $derived(pageStarts(this.#text));
  #current = $derived(Math.min(this.#page, this.#starts.length - 1));
  #end = $derived(this.#starts[this.#current + 1] ?? this.#text.length);
  #bytes = $derived(utf8Length(this.#raw()));
  // JSON escapes control characters, but not bidi controls or invisible ones: those are made visible here too.
  #segments = $derived<Segment[]>(toSegments(this.#text, this.#starts[this.#current] ?? 0, this.#end, { whitespace: 'plain' }));

  constructor(raw: () => string) {
    this.#raw = raw;
  }

  get parses(): boolean {
    return this.#pretty !== null;
  }
  get asReceived(): boolean {
    return this.#asReceived || this.#pretty === null;
  }
  set asReceived(v: boolean) {
    this.#asReceived = v;
    this.#page = 0;
  }
  get text(): string {
    return this.#text;
  }
  /** The current page only. */
  get segments(): Segment[] {
    return this.#segments;
  }
  get page(): number {
    return this.#current;
  }
  set page(i: number) {
    this.#page = Math.max(0, Math.min(Math.trunc(i), this.#starts.length - 1));
  }
  get pageCount(): number {
    return this.#starts.length;
  }
  /** Characters before the current page and at its end, for "characters a–b of n". */
  get pageStart(): number {
    return this.#starts[this.#current] ?? 0;
  }
  get pageEnd(): number {
    return this.#end;
  }
  get total(): number {
    return this.#text.length;
  }
  get byteLength(): number {
    return this.#bytes;
  }
}
