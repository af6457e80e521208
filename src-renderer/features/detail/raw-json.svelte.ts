// The raw response view: pretty-printed when it parses, or exactly as received; long bodies shown in part.
import { safeCut, toSegments, type Segment } from '../../lib/visible-text';

const FIRST_CHARS = 60_000;

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
  #showAll = $state(false);

  #pretty = $derived(prettyPrint(this.#raw()));
  #text = $derived(this.#asReceived || this.#pretty === null ? this.#raw() : this.#pretty);
  #end = $derived(this.#showAll ? this.#text.length : safeCut(this.#text, FIRST_CHARS));
  // JSON escapes control characters, but not bidi controls or invisible ones: those are made visible here too.
  #bytes = $derived(new TextEncoder().encode(this.#raw()).length);
  #segments = $derived<Segment[]>(toSegments(this.#text, 0, this.#end, { whitespace: 'plain' }));

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
  }
  get text(): string {
    return this.#text;
  }
  get segments(): Segment[] {
    return this.#segments;
  }
  get truncated(): boolean {
    return this.#end < this.#text.length;
  }
  get total(): number {
    return this.#text.length;
  }
  get byteLength(): number {
    return this.#bytes;
  }
  showAll(): void {
    this.#showAll = true;
  }
}
