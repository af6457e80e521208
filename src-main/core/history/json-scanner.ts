// Reads one JSON document from a stream of text chunks value by value, without holding the document: the
// caller walks the structure it expects (an object's keys, an array's items) and takes each value it wants as
// its own text, which it then parses on its own. Positions (line, character) are kept for error reports.

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A value's text, or null when it was longer than the limit (its text was not kept). */
export interface Taken {
  text: string | null;
  line: number;
}

export class JsonScanner {
  private buf = '';
  private pos = 0;
  /** Characters of `buf` before this index were consumed and dropped. */
  private dropped = 0;
  private lineNo = 1;
  private done = false;

  constructor(
    private readonly chunks: AsyncIterator<string>,
    /** A value longer than this is skipped, not kept. */
    private readonly maxValueChars: number,
  ) {}

  get line(): number {
    return this.lineNo;
  }

  get offset(): number {
    return this.dropped + this.pos;
  }

  fail(message: string): never {
    throw new JsonScanError(`${message} (line ${this.lineNo}, character ${this.offset + 1})`, this.lineNo, this.offset);
  }

  /** The next character that is not whitespace, without consuming it; null at the end of the input. */
  async peek(): Promise<string | null> {
    for (;;) {
      while (this.pos < this.buf.length) {
        const c = this.buf.charCodeAt(this.pos);
        if (c === 10) this.lineNo++;
        else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return this.buf[this.pos]!;
        this.pos++;
      }
      if (!(await this.more(this.pos))) return null;
    }
  }

  /** Consumes `ch` (after whitespace) or fails. */
  async expect(ch: string, what: string): Promise<void> {
    const got = await this.peek();
    if (got !== ch) this.fail(`expected ${what}`);
    this.pos++;
  }

  /** Consumes `ch` (after whitespace) when it comes next. */
  async consume(ch: string): Promise<boolean> {
    if ((await this.peek()) !== ch) return false;
    this.pos++;
    return true;
  }

  /** Consumes `,` and returns true, or `close` and returns false. */
  async nextOrEnd(close: string): Promise<boolean> {
    const got = await this.peek();
    if (got === ',') {
      this.pos++;
      return true;
    }
    if (got === close) {
      this.pos++;
      return false;
    }
    return this.fail(`expected , or ${close}`);
  }

  /** An object key and its colon. */
  async key(): Promise<string> {
    if ((await this.peek()) !== '"') this.fail('expected a member name');
    const { text } = await this.take();
    await this.expect(':', ':');
    return JSON.parse(text!) as string;
  }

  /**
   * The next value's text. Only brackets and strings are followed, so a value that is not valid JSON inside but
   * whose brackets balance is still taken whole, and the caller can refuse just that value and go on.
   */
  async take(): Promise<Taken> {
    const first = await this.peek();
    if (first === null) this.fail('the file ends too early');
    const line = this.lineNo;
    let start = this.pos;
    let kept: string[] | null = [];
    let keptChars = 0;
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (;;) {
      let i = this.pos;
      const buf = this.buf;
      let end = -1;
      for (; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (c === 10) this.lineNo++;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) {
            inString = false;
            if (depth === 0) {
              end = i + 1;
              break;
            }
          }
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          if (depth === 0) {
            end = i;
            break;
          }
          depth--;
          if (depth === 0) {
            end = i + 1;
            break;
          }
        } else if (depth === 0 && (c === 44 || c === 32 || c === 9 || c === 10 || c === 13)) {
          // A delimiter after a bare value is not part of it; peek() counts its newline.
          if (c === 10) this.lineNo--;
          end = i;
          break;
        }
      }
      if (end >= 0) {
        this.pos = end;
        if (kept === null) return { text: null, line };
        const text = kept.length > 0 ? kept.join('') + buf.slice(start, end) : buf.slice(start, end);
        return { text: keptChars + (end - start) > this.maxValueChars ? null : text, line };
      }
      // The value goes on past this chunk: keep its text so far (unless it is already too long) and read on.
      this.pos = i;
      if (kept !== null) {
        keptChars += i - start;
        if (keptChars > this.maxValueChars) kept = null;
        else kept.push(buf.slice(start, i));
      }
      if (!(await this.more(i))) {
        if (depth === 0 && !inString) {
          if (kept === null) return { text: null, line };
          return { text: kept.join(''), line };
        }
        this.fail('the file ends in the middle of a value');
      }
      start = this.pos;
    }
  }

  /** True when there is nothing but whitespace left. */
  async atEnd(): Promise<boolean> {
    return (await this.peek()) === null;
  }

  /** Drops what was consumed before `keepFrom` and appends the next chunk; false at the end of the input. */
  private async more(keepFrom: number): Promise<boolean> {
    if (this.done) return false;
    const next = await this.chunks.next();
    this.dropped += keepFrom;
    this.buf = this.buf.slice(keepFrom);
    this.pos -= keepFrom;
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buf += next.value;
    return true;
  }
}
