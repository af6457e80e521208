// The trace reader the browser specs and bench:render read Chromium traces with: it must take the renderer main thread's tasks only,
// keep wall and CPU time apart, and name what inside a heavy task took the time.
import { describe, expect, it } from 'vitest';
import { onRendererMain, rendererTasks, timeStamp, traceEvents } from '../../support/renderer-tasks';

const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, ts: 0, args: { name } });
const span = (pid: number, tid: number, name: string, ts: number, dur: number, tdur?: number) => ({ ph: 'X', name, pid, tid, ts, dur, ...(tdur === undefined ? {} : { tdur }) });

describe('rendererTasks', () => {
  it('reads the main thread tasks in time order with wall and CPU time, and what took the time in a heavy one', () => {
    const trace = {
      traceEvents: [
        meta(1, 10, 'CrRendererMain'),
        meta(1, 11, 'Compositor'),
        meta(2, 20, 'CrBrowserMain'),
        span(1, 10, 'RunTask', 100_000, 120_000, 45_000),
        span(1, 10, 'Layout', 110_000, 60_000),
        span(1, 10, 'Paint', 175_000, 30_000),
        span(1, 10, 'Layout', 206_000, 5_000),
        span(1, 10, 'RunTask', 10_000, 2_000, 1_500),
        // Other threads and processes: not the page's main thread.
        span(1, 11, 'RunTask', 100_000, 500_000, 500_000),
        span(2, 20, 'RunTask', 100_000, 500_000, 500_000),
      ],
    };
    const tasks = rendererTasks(JSON.stringify(trace));
    expect(tasks).toEqual([
      { atMs: 0, wallMs: 2, cpuMs: 1.5, inside: [] },
      { atMs: 90, wallMs: 120, cpuMs: 45, inside: ['Layout 60', 'Paint 30'] },
    ]);
  });

  it('counts a task without thread time by its wall time, so a trace without CPU figures cannot pass silently', () => {
    const trace = { traceEvents: [meta(1, 10, 'CrRendererMain'), span(1, 10, 'RunTask', 0, 70_000)] };
    expect(rendererTasks(Buffer.from(JSON.stringify(trace)))).toEqual([{ atMs: 0, wallMs: 70, cpuMs: 70, inside: [] }]);
  });
});

describe('onRendererMain and timeStamp', () => {
  it("keeps the page main thread's complete events in time order, and finds a console.timeStamp by its label", () => {
    const stamp = (ts: number, message: string) => ({ ph: 'I', name: 'TimeStamp', pid: 1, tid: 10, ts, args: { data: { message } } });
    const events = traceEvents(
      JSON.stringify({
        traceEvents: [
          meta(1, 10, 'CrRendererMain'),
          meta(1, 11, 'Compositor'),
          span(1, 10, 'ParseHTML', 50, 5),
          span(1, 11, 'ParseHTML', 10, 5),
          span(1, 10, 'RunTask', 40, 30),
          stamp(45, 'first-row'),
          stamp(60, 'other'),
        ],
      }),
    );
    expect(onRendererMain(events).map((e) => [e.name, e.ts])).toEqual([
      ['RunTask', 40],
      ['ParseHTML', 50],
    ]);
    expect(timeStamp(events, 'first-row')?.ts).toBe(45);
    expect(timeStamp(events, 'missing')).toBeUndefined();
  });
});
