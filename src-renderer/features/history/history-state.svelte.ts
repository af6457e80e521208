// The History screen's state. It lives in App (like the lookup) so filters and the open entry survive a trip to
// another screen, and so the lookup error panel can open a saved snapshot here.
import type { HistorySelection, HostPortSummaryView, PortolanError } from '../../../src-shared/contract';
import { call, previewKey } from '../../lib/api';
import { downloadText } from './download';
import { EntryState } from './entry-state.svelte';
import { HistoryListState } from './history-list.svelte';
import { importOutcome } from './import-outcome';
import { mainOwnsFiles, previewExportUrl, startDownload, uploadImport, type ExportFormat, type ExportTarget } from './history-transfer';
import { plural } from './saved-label';

export interface Toast {
  message: string;
  /** Set when the action can be undone with history:undo. */
  undoToken: string | null;
  hostPortId: string | null;
}

/**
 * Plain outcomes go after a while to keep the screen calm. A toast that offers Undo stays until it is
 * dismissed or replaced: the store keeps undo for 30 minutes, and a timed-out Undo button would take the
 * choice away from anyone slower than the timer.
 */
const TOAST_MS = 20_000;
/** How often the History screen asks main how far an import has read. */
const PROGRESS_POLL_MS = 250;

export class HistoryState {
  readonly list = new HistoryListState();
  #entry = $state.raw<EntryState | null>(null);
  #toast = $state.raw<Toast | null>(null);
  #toastTimer: ReturnType<typeof setTimeout> | null = null;
  #report = $state('');
  #transferError = $state.raw<PortolanError | null>(null);
  #busy = $state(false);
  #importPercent = $state<number | null>(null);
  #allOrNothing = $state(false);
  /** The row to focus when the analyst comes back from an entry. */
  #returnTo = $state<string | null>(null);

  get entry(): EntryState | null {
    return this.#entry;
  }
  get toast(): Toast | null {
    return this.#toast;
  }
  /** Result of the last import or export, for a role=status line. */
  get report(): string {
    return this.#report;
  }
  get transferError(): PortolanError | null {
    return this.#transferError;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get returnTo(): string | null {
    return this.#returnTo;
  }

  open(summary: HostPortSummaryView): void {
    this.#enter(new EntryState(summary.hostPortId, { note: summary.note, tags: summary.tags, pinned: summary.pinned }));
    void this.#entry?.load();
  }

  /** Opens a saved host port by id (back/forward, the command palette); its note and tags load with it. */
  openHostPort(hostPortId: string): void {
    if (this.#entry?.hostPortId === hostPortId) return;
    this.#enter(new EntryState(hostPortId, null));
    void this.#entry?.load();
  }

  /** Opens one snapshot by id (the lookup error's "Open the saved snapshot"). */
  async openSnapshot(snapshotId: string): Promise<void> {
    const r = await call('history:get', { snapshotId });
    if (!r.ok) {
      this.#transferError = r.error;
      this.#entry = null;
      return;
    }
    this.#enter(new EntryState(r.value.hostPortId, null));
    await this.#entry?.load(snapshotId);
  }

  #enter(entry: EntryState): void {
    this.#entry = entry;
    this.#returnTo = entry.hostPortId;
  }

  back(): void {
    this.#entry = null;
    void this.list.refresh();
  }

  // ---- delete, undo, clear ----

  async deleteSnapshot(snapshotId: string): Promise<void> {
    const entry = this.#entry;
    const r = await call('history:delete', { snapshotId });
    if (!r.ok) return this.#fail(r.error);
    this.#showToast({ message: `Deleted ${plural(r.value.removed, 'snapshot')}.`, undoToken: r.value.undoToken, hostPortId: entry?.hostPortId ?? null });
    if (entry && entry === this.#entry) {
      if (entry.snapshots.length <= 1) this.back();
      else await entry.load();
    }
  }

  async deleteHostPort(hostPortId: string): Promise<void> {
    const r = await call('history:delete', { hostPortId });
    if (!r.ok) return this.#fail(r.error);
    this.#showToast({ message: `Deleted the host port and its ${plural(r.value.removed, 'snapshot')}.`, undoToken: r.value.undoToken, hostPortId });
    if (this.#entry?.hostPortId === hostPortId) this.back();
    else await this.list.refresh();
  }

  async undo(): Promise<void> {
    const token = this.#toast?.undoToken;
    if (!token) return;
    const hostPortId = this.#toast?.hostPortId ?? null;
    const r = await call('history:undo', { undoToken: token });
    if (!r.ok) return this.#fail(r.error);
    this.#showToast({ message: `Restored ${plural(r.value.restored, 'snapshot')}.`, undoToken: null, hostPortId: null });
    await this.list.refresh();
    if (this.#entry && this.#entry.hostPortId === hostPortId) await this.#entry.load();
  }

  dismissToast(): void {
    this.#toast = null;
  }

  async clearAll(): Promise<void> {
    const r = await call('history:clear', { confirm: 'DELETE ALL' });
    if (!r.ok) return this.#fail(r.error);
    this.#entry = null;
    this.#showToast({ message: `History cleared: ${plural(r.value.removed, 'snapshot')} deleted.`, undoToken: null, hostPortId: null });
    await this.list.reload();
  }

  #showToast(t: Toast): void {
    this.#toast = t;
    if (this.#toastTimer) clearTimeout(this.#toastTimer);
    this.#toastTimer = null;
    if (t.undoToken) return;
    this.#toastTimer = setTimeout(() => {
      if (this.#toast === t) this.#toast = null;
    }, TOAST_MS);
  }

  #fail(error: PortolanError): void {
    this.#transferError = error;
  }

  // ---- export, import ----

  /** Main writes the file (the app's save dialog) or streams it as a download (the preview); nothing comes back but a count. */
  /** Host ports by id, what the list's query shows, or (neither) the whole history. */
  async exportAs(format: ExportFormat, target?: string[] | ExportTarget): Promise<void> {
    this.#transferError = null;
    const what: ExportTarget | undefined = Array.isArray(target) ? { hostPortIds: target } : target;
    if (!mainOwnsFiles()) {
      startDownload(previewExportUrl(format, previewKey(), what));
      this.#report = 'The export is downloading.';
      return;
    }
    this.#busy = true;
    const r = await call('history:exportToFile', { format, ...what });
    this.#busy = false;
    if (!r.ok) return this.#fail(r.error);
    this.#report = r.value.saved ? `Exported ${plural(r.value.snapshots, 'snapshot')}.` : '';
  }

  /** A STIX 2.1 bundle of one snapshot, some host ports, or (with neither) the whole history. */
  async exportStix(req: { snapshotId?: string; hostPortIds?: string[]; query?: HistorySelection }): Promise<void> {
    this.#transferError = null;
    this.#busy = true;
    const r = await call('history:exportStix', req);
    this.#busy = false;
    if (!r.ok) return this.#fail(r.error);
    downloadText(r.value.filename, r.value.mime, r.value.content);
    this.#report = `Exported ${r.value.filename}.`;
  }

  /** How far the running import has read, 0-100, or null when none runs or its size is unknown. */
  get importPercent(): number | null {
    return this.#importPercent;
  }

  get allOrNothing(): boolean {
    return this.#allOrNothing;
  }

  set allOrNothing(value: boolean) {
    this.#allOrNothing = value;
  }

  /** The app: main opens its dialog and reads the file. The preview: `file` (from the page's picker) is uploaded as a stream. */
  async importFile(file?: File): Promise<void> {
    this.#transferError = null;
    this.#report = '';
    this.#busy = true;
    const stop = this.#watchProgress();
    try {
      const allOrNothing = this.#allOrNothing;
      const r = file ? await uploadImport(file, allOrNothing) : await call('history:importFromFile', { allOrNothing });
      if (!r.ok) return this.#fail(r.error);
      if ('cancelled' in r.value && r.value.cancelled) return;
      const outcome = importOutcome(r.value);
      if ('error' in outcome) return this.#fail(outcome.error);
      this.#report = outcome.report;
      await this.list.reload();
    } finally {
      stop();
      this.#busy = false;
    }
  }

  /** Polls main for the import's progress until stopped. */
  #watchProgress(): () => void {
    this.#importPercent = 0;
    let stopped = false;
    const poll = async (): Promise<void> => {
      const r = await call('history:importProgress', {});
      if (stopped || !r.ok || !r.value.active || !r.value.totalBytes) return;
      this.#importPercent = Math.min(100, Math.round((r.value.bytesRead / r.value.totalBytes) * 100));
    };
    const timer = setInterval(() => void poll(), PROGRESS_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      this.#importPercent = null;
    };
  }

  dismissError(): void {
    this.#transferError = null;
  }
}
