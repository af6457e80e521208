// The History screen's state. It lives in App (like the lookup) so filters and the open entry survive a trip to
// another screen, and so the lookup error panel can open a saved snapshot here.
import type { HostPortSummaryView, PortolanError } from '../../../src-main/shared/contract';
import { call } from '../../lib/api';
import { downloadText } from './download';
import { EntryState } from './entry-state.svelte';
import { HistoryListState } from './history-list.svelte';
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

export class HistoryState {
  readonly list = new HistoryListState();
  #entry = $state.raw<EntryState | null>(null);
  #toast = $state.raw<Toast | null>(null);
  #toastTimer: ReturnType<typeof setTimeout> | null = null;
  #report = $state('');
  #transferError = $state.raw<PortolanError | null>(null);
  #busy = $state(false);
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

  async exportAs(format: 'json' | 'csv', hostPortIds?: string[]): Promise<void> {
    this.#transferError = null;
    this.#busy = true;
    const r = await call('history:export', hostPortIds ? { format, hostPortIds } : { format });
    this.#busy = false;
    if (!r.ok) return this.#fail(r.error);
    downloadText(r.value.filename, r.value.mime, r.value.content);
    this.#report = `Exported ${r.value.filename}.`;
  }

  /** A STIX 2.1 bundle of one snapshot, some host ports, or (with neither) the whole history. */
  async exportStix(req: { snapshotId?: string; hostPortIds?: string[] }): Promise<void> {
    this.#transferError = null;
    this.#busy = true;
    const r = await call('history:exportStix', req);
    this.#busy = false;
    if (!r.ok) return this.#fail(r.error);
    downloadText(r.value.filename, r.value.mime, r.value.content);
    this.#report = `Exported ${r.value.filename}.`;
  }

  async importFile(file: File): Promise<void> {
    this.#transferError = null;
    this.#report = '';
    this.#busy = true;
    try {
      let content: string;
      try {
        content = await file.text();
      } catch {
        return this.#fail({ kind: 'invalidInput', message: `Could not read ${file.name}. Nothing was imported.` });
      }
      const r = await call('history:import', { content });
      if (!r.ok) return this.#fail(r.error);
      this.#report = `Imported ${plural(r.value.added, 'snapshot')}, skipped ${r.value.skipped} already in the history.`;
      await this.list.reload();
    } finally {
      this.#busy = false;
    }
  }

  dismissError(): void {
    this.#transferError = null;
  }
}
