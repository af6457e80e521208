// The Bulk screen's state: the pasted text or opened file, the preview of what will be looked up (read by the
// same shared reader main uses), and the job main runs: its status and results, pulled while it runs.
import { csvColumnLines, MAX_BULK_TEXT, parseCsv, planBulk, splitLines, type BulkPlan } from '../../../src-shared/bulk-targets';
import type { BULK_SORT_KEYS, BulkJobStatusView, BulkResultRowView } from '../../../src-shared/bulk-views';
import type { PortolanError } from '../../../src-shared/contract';
import { call } from '../../lib/api';
import { downloadText } from '../history/download';

export type SortKey = (typeof BULK_SORT_KEYS)[number];
const POLL_MS = 500;
/** Rows per page of the results table; every row is reachable by paging, sorted and filtered in main. */
export const BULK_PAGE_SIZE = 200;

export class BulkState {
  #text = $state('');
  #csv = $state.raw<string[][] | null>(null);
  #hostColumn = $state(0);
  #portColumn = $state<number | null>(null);
  #hasHeader = $state(true);
  #name = $state('');
  #job = $state.raw<BulkJobStatusView | null>(null);
  #rows = $state.raw<BulkResultRowView[]>([]);
  #total = $state(0);
  #error = $state.raw<PortolanError | null>(null);
  #busy = $state(false);
  #sort = $state<SortKey>('line');
  #descending = $state(false);
  #filter = $state('');
  #offset = $state(0);
  /** Bumped per rows request, so a late answer never replaces a newer one. */
  #rowsSeq = 0;
  /** What the last poll saw; an unchanged job needs no new rows. */
  #seen = '';
  #timer: ReturnType<typeof setTimeout> | null = null;

  #lines = $derived.by((): string[] => {
    if (this.#csv) return csvColumnLines(this.#csv, this.#hostColumn, this.#portColumn, this.#hasHeader);
    return splitLines(this.#text);
  });
  #plan = $derived.by((): BulkPlan => planBulk(this.#lines));

  get text(): string {
    return this.#text;
  }
  set text(v: string) {
    this.#text = v.slice(0, MAX_BULK_TEXT);
    this.#csv = null;
  }
  get name(): string {
    return this.#name;
  }
  set name(v: string) {
    this.#name = v;
  }
  get csv(): string[][] | null {
    return this.#csv;
  }
  get csvColumns(): string[] {
    const first = this.#csv?.[0] ?? [];
    return first.map((cell, i) => (this.#hasHeader && cell.trim() ? cell.trim() : `Column ${i + 1}`));
  }
  get hostColumn(): number {
    return this.#hostColumn;
  }
  set hostColumn(v: number) {
    this.#hostColumn = v;
  }
  get portColumn(): number | null {
    return this.#portColumn;
  }
  set portColumn(v: number | null) {
    this.#portColumn = v;
  }
  get hasHeader(): boolean {
    return this.#hasHeader;
  }
  set hasHeader(v: boolean) {
    this.#hasHeader = v;
  }
  get plan(): BulkPlan {
    return this.#plan;
  }
  get job(): BulkJobStatusView | null {
    return this.#job;
  }
  get rows(): BulkResultRowView[] {
    return this.#rows;
  }
  get total(): number {
    return this.#total;
  }
  get error(): PortolanError | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get sort(): SortKey {
    return this.#sort;
  }
  get descending(): boolean {
    return this.#descending;
  }
  get filter(): string {
    return this.#filter;
  }
  set filter(v: string) {
    this.#filter = v;
    this.#offset = 0;
    void this.refreshRows();
  }
  /** Index of the first row on the page shown. */
  get offset(): number {
    return this.#offset;
  }
  get hasPrevious(): boolean {
    return this.#offset > 0;
  }
  get hasNext(): boolean {
    return this.#offset + BULK_PAGE_SIZE < this.#total;
  }
  nextPage(): void {
    if (!this.hasNext) return;
    this.#offset += BULK_PAGE_SIZE;
    void this.refreshRows();
  }
  previousPage(): void {
    if (!this.hasPrevious) return;
    this.#offset = Math.max(0, this.#offset - BULK_PAGE_SIZE);
    void this.refreshRows();
  }

  /** A file's text: CSV (by name or a comma in the first line) offers a column picker; anything else is lines. */
  loadFile(name: string, content: string): void {
    const text = content.slice(0, MAX_BULK_TEXT);
    const firstLine = text.slice(0, text.search(/\r|\n/) >>> 0);
    if (/\.csv$/i.test(name) || (firstLine.includes(',') && !/^\s*\[?[0-9a-f:.]+\]?[ ,]\d+\s*$/i.test(firstLine))) {
      this.#text = '';
      this.#csv = parseCsv(text);
      const header = (this.#csv[0] ?? []).map((c) => c.trim().toLowerCase());
      const host = header.findIndex((c) => /^(host|ip|ip ?address|address|indicator|url|hostname|domain)$/.test(c));
      const port = header.findIndex((c) => /^(port|dst ?port|destination ?port)$/.test(c));
      this.#hasHeader = host >= 0 || port >= 0;
      this.#hostColumn = host >= 0 ? host : 0;
      this.#portColumn = port >= 0 ? port : null;
    } else this.text = text;
    if (!this.#name) this.#name = name.replace(/\.[^.]+$/, '');
  }

  async start(): Promise<void> {
    if (this.#plan.targets.length === 0 || this.#busy) return;
    this.#busy = true;
    const name = this.#name.trim() || `Bulk ${stamp(Date.now())}`;
    const r = await call('bulk:start', { name, lines: this.#lines });
    this.#busy = false;
    if (!r.ok) {
      this.#error = r.error;
      return;
    }
    this.#error = null;
    this.#job = r.value;
    this.#offset = 0;
    this.#seen = '';
    await this.refreshRows();
    this.#poll();
  }

  async control(action: 'pause' | 'resume' | 'cancel' | 'rerunFailed'): Promise<void> {
    if (!this.#job) return;
    const r = await call(`bulk:${action}`, { jobId: this.#job.id });
    if (!r.ok) {
      this.#error = r.error;
      return;
    }
    this.#error = null;
    this.#job = r.value;
    await this.refreshRows();
    this.#poll();
  }

  async exportAs(format: 'csv' | 'json'): Promise<void> {
    if (!this.#job) return;
    const r = await call('bulk:export', { jobId: this.#job.id, format });
    if (!r.ok) {
      this.#error = r.error;
      return;
    }
    downloadText(r.value.filename, r.value.mime, r.value.content);
  }

  sortBy(key: SortKey): void {
    if (this.#sort === key) this.#descending = !this.#descending;
    else {
      this.#sort = key;
      this.#descending = false;
    }
    this.#offset = 0;
    void this.refreshRows();
  }

  /** Picks up a job main already has (one that resumed after a restart), newest first. */
  async loadLatest(): Promise<void> {
    const r = await call('bulk:status', {});
    if (!r.ok || this.#job) return;
    this.#job = r.value.jobs[0] ?? null;
    if (this.#job) {
      await this.refreshRows();
      this.#poll();
    }
  }

  async refreshRows(): Promise<void> {
    if (!this.#job) return;
    const seq = ++this.#rowsSeq;
    const query = { jobId: this.#job.id, sort: this.#sort, descending: this.#descending, filter: this.#filter, offset: this.#offset, limit: BULK_PAGE_SIZE };
    const r = await call('bulk:results', query);
    if (!r.ok || seq !== this.#rowsSeq) return;
    // Rows shrank under the page (a filter, a re-run): show the last page there is.
    if (r.value.rows.length === 0 && r.value.total > 0 && this.#offset > 0) {
      this.#offset = Math.floor((r.value.total - 1) / BULK_PAGE_SIZE) * BULK_PAGE_SIZE;
      return this.refreshRows();
    }
    this.#total = r.value.total;
    const next = reuseUnchanged(this.#rows, r.value.rows);
    if (next !== this.#rows) this.#rows = next;
  }

  #poll(): void {
    if (this.#timer !== null) return;
    const tick = async (): Promise<void> => {
      this.#timer = null;
      if (!this.#job) return;
      const r = await call('bulk:status', {});
      const mine = r.ok ? r.value.jobs.find((j) => j.id === this.#job?.id) : undefined;
      if (mine) this.#job = mine;
      // Rows change only when an answer came in (or the state moved): an idle poll costs no table work.
      const seen = mine ? `${mine.state}|${mine.done}|${mine.failed}` : '';
      if (seen !== this.#seen) {
        this.#seen = seen;
        await this.refreshRows();
      }
      if (this.#job?.state === 'running' || this.#job?.state === 'stopped') this.#timer = setTimeout(() => void tick(), POLL_MS);
    };
    this.#timer = setTimeout(() => void tick(), POLL_MS);
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/**
 * The new page, keeping the previous row objects that did not change: the table then touches only the rows
 * that did (a keyed each leaves an identical item alone). The same array back when nothing changed at all.
 */
export function reuseUnchanged(prev: BulkResultRowView[], next: BulkResultRowView[]): BulkResultRowView[] {
  const old: Record<string, BulkResultRowView | undefined> = Object.fromEntries(prev.map((r) => [rowKey(r), r]));
  let same = prev.length === next.length;
  const out = next.map((r, i) => {
    const o = Object.hasOwn(old, rowKey(r)) ? old[rowKey(r)] : undefined;
    const keep = o !== undefined && o.outcome === r.outcome && o.hit?.snapshotId === r.hit?.snapshotId && o.error?.kind === r.error?.kind && o.error?.message === r.error?.message;
    if (!keep || prev[i] !== o) same = false;
    return keep ? o : r;
  });
  return same ? prev : out;
}

export function rowKey(r: BulkResultRowView): string {
  return `${r.key}#${r.hit?.hostPortId ?? ''}`;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
