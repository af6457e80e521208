// npm run bench:render -- --banners N [--rounds R (5 up to 1,000 banners, else 1)] [--json]
//
// Drives the web preview in Chromium against a local Graph stand-in serving one host port with N banners and
// N/10 services, and measures: click on "Look up" to the first banner row painted, DOM nodes, JS heap, the
// slowest sort by a column, the longest task while scrolling the banner table to its end, and two baselines.
// The fair one (pre_baseline_ms) asks the preview for the same lookup through the same bridge (port listing,
// hostPort, history save, transfer), then for its body (lookup:raw), pretty-prints it into one <pre> and waits
// for the frame.
// pre_local_ms is only the browser's part of that: JSON.parse + stringify + <pre> layout of text already in
// the page. The form is filled before either clock starts; both clocks run in the page, not in Playwright.
// The scroll is traced: its heaviest renderer task is reported in CPU time as well as wall time (a loaded
// machine inflates wall time only); --trace FILE keeps that trace. Each round loads the app afresh; one unmeasured
// lookup first warms the preview and the stand-in for both clocks; first rows and the baseline are the medians of
// the rounds, the rest is measured after the last. --first-trace FILE also traces the click to the first rows (tracing costs a
// little, so it is off by default) and reports the CPU time of the heaviest renderer task in it and of all of them.
// With --json the last line is one JSON object.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';
import { onRendererMain, rendererTasks, TASK_CATEGORIES, timeStamp, traceEvents } from '../test/support/renderer-tasks';
import { corpusDay, oneHostPort, variedBanners, type HostPortBody } from '../test/support/banner-corpus';
import { startGraphServer } from '../test/support/graph-server';
import { startPreview } from '../test/support/preview';

interface Figures {
  banners: number;
  /** Medians over the rounds. */
  first_rows_ms: number;
  pre_baseline_ms: number;
  /** Each round's figures, in order. */
  first_rows_samples_ms: number[];
  pre_baseline_samples_ms: number[];
  pre_local_ms: number;
  dom_nodes: number;
  heap_mb: number;
  sort_max_ms: number;
  scroll_longest_task_ms: number;
  /** CPU time of the heaviest renderer task while scrolling (from a trace): what a loaded machine does not inflate. */
  scroll_max_task_cpu_ms: number;
  /** What took the time inside that task. */
  scroll_max_task_inside: string[];
  /** With --first-trace: CPU time of the heaviest renderer task from the click to the first rows painted, and of all of them. */
  first_render_max_task_cpu_ms?: number;
  first_render_cpu_ms?: number;
  first_render_max_task_inside?: string[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const HOST = '198.51.100.77';
const PORT = 443;
const ID = 'bench-render-hostport';

/** Realistic, varied banners: HTTP headers, SSH and SMTP greetings, some long, a few hostile. */
function hostPort(n: number): HostPortBody {
  const services = Array.from({ length: Math.max(1, Math.floor(n / 10)) }, (_, i) => ({
    firstSeenDateTime: corpusDay(i),
    lastSeenDateTime: corpusDay(i + 60),
    isRecent: i % 2 === 0,
    component: { id: `c-${i}`, name: ['nginx', 'OpenSSH', 'Postfix', 'jQuery', 'Bootstrap'][i % 5], version: `${i % 9}.${i % 13}`, category: ['Server', 'Remote Access', 'Framework'][i % 3] },
  }));
  return {
    id: ID,
    port: PORT,
    protocol: 'tcp',
    status: 'open',
    firstSeenDateTime: corpusDay(0),
    lastSeenDateTime: corpusDay(n),
    lastScanDateTime: corpusDay(n),
    timesObserved: n,
    banners: variedBanners(n),
    services,
    host: { id: HOST },
  };
}

/** The browser globals the in-page measurements use (this file is type-checked without the DOM library). */
interface El {
  textContent: string | null;
  scrollTop: number;
  scrollHeight: number;
  click(): void;
}
interface Browser {
  document: { body: { append(e: unknown): void }; createElement(t: string): El & { remove(): void }; getElementById(id: string): El; getElementsByTagName(t: string): { length: number }; querySelector(s: string): El | null; querySelectorAll(s: string): Iterable<El>; scrollingElement: El };
  requestAnimationFrame(cb: () => void): void;
  performance: { now(): number; memory?: { usedJSHeapSize: number } };
  PerformanceObserver: new (cb: (list: { getEntries(): { duration: number }[] }) => void) => { observe(o: { type: string; buffered: boolean }): void; disconnect(): void };
  gc?: () => void;
  fetch(url: string, init: unknown): Promise<{ json(): Promise<{ ok: boolean; value?: { raw?: string; rawId?: string }; error?: { kind: string; code?: string; message: string } }> }>;
  crypto: { randomUUID(): string };
  MutationObserver: new (cb: () => void) => { observe(t: unknown, o: unknown): void; disconnect(): void };
  console: { timeStamp(label: string): void };
}

/**
 * lookup:run through the preview's HTTP bridge, exactly as the renderer sends it, then the body it is held under
 * (lookup:raw: the result does not carry it), pretty-printed into a <pre>.
 */
async function preOfLookup(page: Page): Promise<number> {
  return page.evaluate(
    async ({ host, port }) => {
      const w = globalThis as unknown as Browser;
      const key = w.document.querySelector('meta[name="portolan-preview-key"]') as unknown as { getAttribute(n: string): string } | null;
      const headers = { 'Content-Type': 'application/json', 'X-Portolan-Key': key?.getAttribute('content') ?? '' };
      const out = w.document.createElement('pre');
      w.document.body.append(out);
      const t0 = w.performance.now();
      // Two requests written out: a named helper would be renamed by the bundler into something the page lacks.
      const run = await (
        await w.fetch('/api/invoke', { method: 'POST', headers, body: JSON.stringify({ channel: 'lookup:run', payload: { requestId: w.crypto.randomUUID(), host, port, expandCertificate: true } }), cache: 'no-store', credentials: 'same-origin' })
      ).json();
      if (!run.ok || !run.value?.rawId) throw new Error(`baseline lookup:run failed: ${JSON.stringify(run.error ?? null)}`);
      const held = await (
        await w.fetch('/api/invoke', { method: 'POST', headers, body: JSON.stringify({ channel: 'lookup:raw', payload: { rawId: run.value.rawId } }), cache: 'no-store', credentials: 'same-origin' })
      ).json();
      if (!held.ok || held.value?.raw === undefined) throw new Error(`baseline lookup:raw failed: ${JSON.stringify(held.error ?? null)}`);
      const raw = held.value.raw;
      out.textContent = JSON.stringify(JSON.parse(raw ?? ''), null, 2);
      await new Promise<void>((r) => w.requestAnimationFrame(() => setTimeout(r, 0)));
      const ms = w.performance.now() - t0;
      out.remove();
      return ms;
    },
    { host: HOST, port: PORT },
  );
}

const MARK_CLICK = 'bench-render:click';
const MARK_ROWS = 'bench-render:first-rows';

/** Click "Look up" in the page and wait, in the page, for the first banner row to be painted. */
async function clickToFirstRow(page: Page): Promise<number> {
  return page.evaluate(
    ({ MARK_CLICK, MARK_ROWS }) =>
      new Promise<number>((resolve) => {
        const w = globalThis as unknown as Browser;
        const button = [...w.document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Look up');
        if (!button) throw new Error('no Look up button');
        const t0 = w.performance.now();
        const observer = new w.MutationObserver(() => {
          if (!w.document.querySelector('#section-banners tbody tr[data-row]')) return;
          observer.disconnect();
          w.requestAnimationFrame(() =>
            setTimeout(() => {
              w.console.timeStamp(MARK_ROWS);
              resolve(w.performance.now() - t0);
            }, 0),
          );
        });
        observer.observe(w.document.body, { childList: true, subtree: true });
        // Marks for a trace of this lookup (--first-trace): its tasks are those between the two.
        w.console.timeStamp(MARK_CLICK);
        button.click();
      }),
    { MARK_CLICK, MARK_ROWS },
  );
}

/** Where the two marks are, in the time of rendererTasks (ms after the trace's first renderer main-thread task). */
function markedWindow(trace: Buffer): { from: number; to: number } | null {
  const events = traceEvents(trace);
  const starts = onRendererMain(events)
    .filter((e) => e.name === 'RunTask')
    .map((e) => e.ts);
  const click = timeStamp(events, MARK_CLICK)?.ts;
  const rows = timeStamp(events, MARK_ROWS)?.ts;
  if (starts.length === 0 || click === undefined || rows === undefined) return null;
  const t0 = Math.min(...starts);
  return { from: (click - t0) / 1000, to: (rows - t0) / 1000 };
}

/** The form filled as an analyst would, before any clock starts. */
async function lookUpFilled(page: Page): Promise<void> {
  await page.getByLabel('Host', { exact: true }).fill(HOST);
  await page.getByLabel('Port', { exact: true }).fill(String(PORT));
  await page.getByLabel('Host port ID', { exact: true }).fill('');
}

async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => (globalThis as unknown as Browser).requestAnimationFrame(() => setTimeout(r, 0))));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

async function measure(n: number, rounds: number): Promise<Figures> {
  const body = hostPort(n);
  const graph = await startGraphServer(oneHostPort(body));
  const userData = mkdtempSync(join(tmpdir(), 'portolan-bench-render-'));
  const preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--graph-base-url', graph.url], env: { PORTOLAN_GRAPH_TOKEN: 'bench-token' } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'], headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });

    // Local part of the baseline: the same JSON, parsed and pretty-printed into one <pre>, timed in the page.
    const json = JSON.stringify(body);
    await page.setContent('<pre id="out"></pre>');
    const preLocal = await page.evaluate(async (text) => {
      const w = globalThis as unknown as Browser;
      const t0 = w.performance.now();
      w.document.getElementById('out').textContent = JSON.stringify(JSON.parse(text), null, 2);
      await new Promise<void>((r) => w.requestAnimationFrame(() => setTimeout(r, 0)));
      return w.performance.now() - t0;
    }, json);

    // Each round is a freshly loaded app: its baseline, then its first lookup. The figures are the rounds' medians
    // (one sample of ~100 ms on a shared machine says little); every sample is reported as well.
    const rowsSamples: number[] = [];
    const preSamples: number[] = [];
    const firstTraceFile = arg('first-trace');
    for (let round = 0; round < rounds; round++) {
      await page.goto(preview.url);
      await page.getByRole('button', { name: 'Look up' }).waitFor();
      await preOfLookup(page); // warm-up, not measured
      preSamples.push(Math.round(await preOfLookup(page)));
      await lookUpFilled(page);
      if (firstTraceFile && round === rounds - 1) await browser.startTracing(page, { categories: TASK_CATEGORIES });
      rowsSamples.push(Math.round(await clickToFirstRow(page)));
    }
    const firstRows = median(rowsSamples);
    const pre = median(preSamples);
    let first: Pick<Figures, 'first_render_max_task_cpu_ms' | 'first_render_cpu_ms' | 'first_render_max_task_inside'> = {};
    if (firstTraceFile) {
      const firstTrace = await browser.stopTracing();
      writeFileSync(firstTraceFile, firstTrace);
      // Only the tasks from the click to the first rows painted (tracing stops a little later than that).
      const span = markedWindow(firstTrace);
      const tasks = rendererTasks(firstTrace).filter((t) => !span || (t.atMs + t.wallMs >= span.from && t.atMs <= span.to));
      const top = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs)[0];
      first = {
        first_render_max_task_cpu_ms: top?.cpuMs ?? 0,
        first_render_cpu_ms: Math.round(tasks.reduce((sum, t) => sum + t.cpuMs, 0) * 10) / 10,
        first_render_max_task_inside: top?.inside ?? [],
      };
    }
    await page.locator('#section-banners tbody tr[data-row]').first().waitFor({ state: 'visible', timeout: 600_000 });
    await nextFrame(page);

    const { nodes, heap } = await page.evaluate(() => {
      const w = globalThis as unknown as Browser;
      w.gc?.();
      return { nodes: w.document.getElementsByTagName('*').length, heap: (w.performance.memory?.usedJSHeapSize ?? 0) / (1024 * 1024) };
    });

    let sortMax = 0;
    for (const label of ['Times observed', 'First seen', 'Banner']) {
      const ms = await page.evaluate(async (name) => {
        const w = globalThis as unknown as Browser;
        const button = [...w.document.querySelectorAll('#section-banners th button')].find((b) => b.textContent?.includes(name));
        if (!button) return -1;
        const t = w.performance.now();
        button.click();
        await new Promise<void>((r) => w.requestAnimationFrame(() => setTimeout(r, 0)));
        return w.performance.now() - t;
      }, label);
      sortMax = Math.max(sortMax, ms);
    }

    await browser.startTracing(page, { categories: TASK_CATEGORIES });
    const longest = await page.evaluate(async () => {
      const w = globalThis as unknown as Browser;
      let worst = 0;
      const observer = new w.PerformanceObserver((list) => {
        for (const e of list.getEntries()) worst = Math.max(worst, e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const scroller = w.document.querySelector('#section-banners [data-scroll]') ?? w.document.scrollingElement;
      for (let i = 0; i < 40; i++) {
        scroller.scrollTop += Math.max(400, scroller.scrollHeight / 40);
        await new Promise<void>((r) => w.requestAnimationFrame(() => r()));
      }
      await new Promise<void>((r) => setTimeout(r, 100));
      observer.disconnect();
      return worst;
    });
    const trace = await browser.stopTracing();
    const traceFile = arg('trace');
    if (traceFile) writeFileSync(traceFile, trace); // for chrome://tracing or Perfetto
    const heaviest = rendererTasks(trace).sort((a, b) => b.cpuMs - a.cpuMs)[0];

    return {
      banners: n,
      first_rows_ms: firstRows,
      pre_baseline_ms: pre,
      first_rows_samples_ms: rowsSamples,
      pre_baseline_samples_ms: preSamples,
      pre_local_ms: Math.round(preLocal),
      dom_nodes: nodes,
      heap_mb: Math.round(heap * 10) / 10,
      sort_max_ms: Math.round(sortMax),
      scroll_longest_task_ms: Math.round(longest),
      scroll_max_task_cpu_ms: heaviest?.cpuMs ?? 0,
      scroll_max_task_inside: heaviest?.inside ?? [],
      ...first,
    };
  } finally {
    await browser.close();
    await preview.stop();
    await graph.close();
    rmSync(userData, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const n = Number(arg('banners') ?? '1000');
  if (!Number.isInteger(n) || n < 1) throw new Error('--banners must be a positive whole number');
  const rounds = Number(arg('rounds') ?? (n <= 1000 ? 5 : 1));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive whole number');
  let f: Figures;
  try {
    f = await measure(n, rounds);
  } catch (err) {
    // A body over the client's response limit is refused by the app as by the baseline: say so, with its size.
    const bytes = Buffer.byteLength(JSON.stringify(hostPort(n)));
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    console.log(`${n} banners (${(bytes / 1024 / 1024).toFixed(1)} MB body): not measured: ${message}`);
    if (process.argv.includes('--json')) console.log(JSON.stringify({ banners: n, body_mb: Math.round(bytes / 104857.6) / 10, error: message }));
    process.exitCode = 1;
    return;
  }
  const samples = f.first_rows_samples_ms.length > 1 ? `, medians of ${f.first_rows_samples_ms.length} rounds: ${f.first_rows_samples_ms.join('/')} vs ${f.pre_baseline_samples_ms.join('/')}` : '';
  console.log(
    `${f.banners} banners: first rows ${f.first_rows_ms} ms (pre baseline ${f.pre_baseline_ms} ms: same lookup through the bridge, raw body ` +
      `pretty-printed into one <pre>; of that, ${f.pre_local_ms} ms in the browser${samples}), ` +
      `${f.dom_nodes} DOM nodes, heap ${f.heap_mb} MB, ` +
      `slowest sort ${f.sort_max_ms} ms, longest task while scrolling ${f.scroll_longest_task_ms} ms wall, ` +
      `heaviest ${f.scroll_max_task_cpu_ms} ms CPU (${f.scroll_max_task_inside.join(', ')})` +
      (f.first_render_max_task_cpu_ms === undefined
        ? ''
        : `; click to first rows: heaviest task ${f.first_render_max_task_cpu_ms} ms CPU (${f.first_render_max_task_inside?.join(', ')}), ${f.first_render_cpu_ms} ms CPU in all`),
  );
  if (process.argv.includes('--json')) console.log(JSON.stringify(f));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
