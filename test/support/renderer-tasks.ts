// The renderer's main-thread tasks out of a Chromium trace (Playwright's browser.startTracing): each task's wall
// time and the CPU time its thread actually ran, and what inside it took the time. CPU time is what the page's
// own work costs; wall time also counts the time a loaded machine kept the thread waiting for a core.

/** Trace categories that carry the main thread's tasks and what runs inside them. */
export const TASK_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];

export interface RendererTask {
  /** Microseconds after the first task in the trace. */
  atMs: number;
  wallMs: number;
  cpuMs: number;
  /** The biggest pieces inside a task of 16 ms or more, "name ms", largest first. */
  inside: string[];
}

export interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const round = (us: number): number => Math.round(us / 100) / 10;

/** The events of a trace (Playwright's browser.stopTracing). */
export function traceEvents(trace: Buffer | string): TraceEvent[] {
  return (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** The complete events ("X": a start and a duration) of every renderer main thread, in time order. */
export function onRendererMain(events: readonly TraceEvent[]): TraceEvent[] {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => e.ph === 'X' && e.dur !== undefined && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
}

/** The event of the page's console.timeStamp(label), if the trace holds one. */
export function timeStamp(events: readonly TraceEvent[], label: string): TraceEvent | undefined {
  return events.find((e) => e.name === 'TimeStamp' && JSON.stringify(e.args ?? {}).includes(label));
}

/** Every task of every renderer main thread in the trace, in time order. */
export function rendererTasks(trace: Buffer | string): RendererTask[] {
  const onMain = onRendererMain(traceEvents(trace));
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const t0 = tasks[0]?.ts ?? 0;
  return tasks.map((t) => {
    if ((t.dur ?? 0) < 16_000 && (t.tdur ?? 0) < 16_000) return { atMs: round(t.ts - t0), wallMs: round(t.dur ?? 0), cpuMs: round(t.tdur ?? t.dur ?? 0), inside: [] };
    const end = t.ts + (t.dur ?? 0);
    const pieces: Record<string, number> = {};
    for (const e of onMain) {
      if (e.ts < t.ts || e.ts >= end || e === t || e.name === 'RunTask' || e.pid !== t.pid || e.tid !== t.tid) continue;
      pieces[e.name] = Math.max(pieces[e.name] ?? 0, e.dur ?? 0);
    }
    const inside = Object.entries(pieces)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, us]) => `${name} ${round(us)}`);
    return { atMs: round(t.ts - t0), wallMs: round(t.dur ?? 0), cpuMs: round(t.tdur ?? t.dur ?? 0), inside };
  });
}
