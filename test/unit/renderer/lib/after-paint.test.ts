import { afterEach, describe, expect, test, vi } from 'vitest';
import { afterPaint } from '../../../../src-renderer/lib/after-paint';

describe('afterPaint', () => {
  const frames: (() => void)[] = [];
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    frames.length = 0;
  });
  function stubFrames(): void {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  }

  test('runs once, in a task after the next frame, not before it', () => {
    stubFrames();
    const work = vi.fn();
    afterPaint(work);
    vi.advanceTimersByTime(0);
    expect(work).not.toHaveBeenCalled();
    frames.shift()!();
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  test('runs after the fallback when no frame comes (a hidden window), and never when cancelled', () => {
    stubFrames();
    const hidden = vi.fn();
    afterPaint(hidden, 250);
    vi.advanceTimersByTime(249);
    expect(hidden).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(hidden).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    afterPaint(cancelled, 250)();
    frames.forEach((f) => f());
    vi.advanceTimersByTime(1_000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
