// At most `size` writes in flight at once. The first failure is kept: add() throws it, so an import stops at its
// next record instead of writing on past a full disk, and the caller reads it after drain().
export class WriteWindow {
  private running = 0;
  /** The first write that failed, if one did. */
  failure: { err: unknown } | null = null;
  private readonly waiting: (() => void)[] = [];
  private idle: (() => void) | null = null;

  constructor(private readonly size: number) {}

  /** Starts `write` once a place is free; resolves when it has started, not when it has finished. */
  async add(write: () => Promise<void>): Promise<void> {
    while (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure.err;
    this.running++;
    write()
      .catch((err: unknown) => {
        this.failure ??= { err };
      })
      .finally(() => {
        this.running--;
        this.waiting.shift()?.();
        if (this.running === 0) this.idle?.();
      });
  }

  /** Resolves when every write started has finished, failed or not. */
  async drain(): Promise<void> {
    while (this.running > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    this.idle = null;
  }
}
