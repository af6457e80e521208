// Work that should start soon, but not before the frame being built has been painted (a request whose answer
// would otherwise land in the middle of the first frame of a new view).

/** The frame callbacks, typed here so the module also type-checks (and is unit-tested) without the DOM library. */
const frames = globalThis as unknown as { requestAnimationFrame?: (cb: () => void) => number; cancelAnimationFrame?: (id: number) => void };

/** Runs `work` once, after the next frame is painted (or after `fallback` ms, when no frame comes, e.g. a hidden window); returns a cancel function. */
export function afterPaint(work: () => void, fallback = 250): () => void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = frames.requestAnimationFrame?.(() => (timer = setTimeout(run, 0)));
  const late = setTimeout(run, fallback);
  function cancel(): void {
    done = true;
    if (frame !== undefined) frames.cancelAnimationFrame?.(frame);
    clearTimeout(timer);
    clearTimeout(late);
  }
  function run(): void {
    if (done) return;
    cancel();
    work();
  }
  return cancel;
}
