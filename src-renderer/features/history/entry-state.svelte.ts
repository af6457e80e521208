// One open hostPort in History: its snapshots, the one on screen, a fresh lookup (Refresh), its note, tags and
// pin, and the two snapshots ticked for comparison.
import type { CompareView, LookupResultView, PortolanError, SnapshotMetaView, SnapshotView } from '../../../src-shared/contract';
import { call, newRequestId } from '../../lib/api';
import { withAllBanners } from '../lookup/all-banners';
import { orderForCompare } from './compare/compare-model';
import { addTags, parseTagInput, removeTag } from './tags';

export interface EntryMeta {
  note: string;
  tags: string[];
  pinned: boolean;
}

export class EntryState {
  readonly hostPortId: string;
  #snapshots = $state.raw<SnapshotMetaView[]>([]);
  #current = $state.raw<SnapshotView | null>(null);
  #loading = $state(true);
  #error = $state.raw<PortolanError | null>(null);
  #refreshing = $state(false);
  #refreshError = $state.raw<PortolanError | null>(null);
  /** A Refresh whose result was not saved (saving is off in Settings): shown, but not part of the history. */
  #unsaved = $state.raw<LookupResultView | null>(null);
  /** The snapshot the last Refresh saved: its host sections are read now and kept with it, as for a lookup. */
  #refreshedId = $state<string | null>(null);

  #meta = $state<EntryMeta | null>(null);
  /** The note as typed: bound to the textarea, saved on blur. */
  draftNote = $state('');
  #metaError = $state.raw<PortolanError | null>(null);
  /** The note text last saved from here: "Note saved" shows while the draft still reads the same. */
  #savedNote = $state<string | null>(null);
  #metaStatus = $derived(this.#savedNote !== null && this.#savedNote === this.draftNote ? 'Note saved' : '');
  #tagProblem = $state<string | null>(null);

  #picked = $state<string[]>([]);
  #comparison = $state.raw<CompareView | null>(null);
  #compareError = $state.raw<PortolanError | null>(null);
  #comparing = $state(false);
  #seq = 0;

  constructor(hostPortId: string, meta: EntryMeta | null) {
    this.hostPortId = hostPortId;
    if (meta) this.#setMeta(meta);
  }

  get snapshots(): SnapshotMetaView[] {
    return this.#snapshots;
  }
  get current(): SnapshotView | null {
    return this.#current;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): PortolanError | null {
    return this.#error;
  }
  get refreshing(): boolean {
    return this.#refreshing;
  }
  get refreshError(): PortolanError | null {
    return this.#refreshError;
  }
  get unsaved(): LookupResultView | null {
    return this.#unsaved;
  }
  get refreshedId(): string | null {
    return this.#refreshedId;
  }
  get meta(): EntryMeta | null {
    return this.#meta;
  }
  get noteDirty(): boolean {
    return this.#meta !== null && this.draftNote !== this.#meta.note;
  }
  get metaError(): PortolanError | null {
    return this.#metaError;
  }
  get metaStatus(): string {
    return this.#metaStatus;
  }
  get tagProblem(): string | null {
    return this.#tagProblem;
  }
  get picked(): readonly string[] {
    return this.#picked;
  }
  get comparison(): CompareView | null {
    return this.#comparison;
  }
  get compareError(): PortolanError | null {
    return this.#compareError;
  }
  get comparing(): boolean {
    return this.#comparing;
  }
  get latestId(): string | null {
    return this.#snapshots[0]?.id ?? null;
  }

  /** Loads the snapshot list and shows one (the newest when none is named). */
  async load(snapshotId?: string): Promise<void> {
    this.#loading = true;
    const [list] = await Promise.all([call('history:snapshots', { hostPortId: this.hostPortId }), this.#meta ? null : this.#loadMeta()]);
    if (!list.ok) {
      this.#loading = false;
      this.#error = list.error;
      return;
    }
    this.#setSnapshots(list.value);
    const wanted = snapshotId ?? (this.#current && list.value.some((s) => s.id === this.#current?.id) ? this.#current.id : this.latestId);
    if (wanted) await this.show(wanted);
    else {
      this.#current = null;
      this.#loading = false;
    }
  }

  async show(snapshotId: string): Promise<void> {
    const seq = ++this.#seq;
    this.#loading = true;
    const first = await call('history:get', { snapshotId });
    const r = first.ok && seq === this.#seq ? await withAllBanners(first.value, call) : first;
    if (seq !== this.#seq) return;
    this.#loading = false;
    this.#unsaved = null;
    if (r.ok) {
      this.#current = r.value;
      this.#error = null;
    } else {
      this.#error = r.error;
      // A damaged or vanished snapshot file was dropped by main: list what is really left.
      if (r.error.kind === 'storage' || r.error.kind === 'notFound') void this.#refreshSnapshots();
    }
  }

  async #refreshSnapshots(): Promise<void> {
    const list = await call('history:snapshots', { hostPortId: this.hostPortId });
    if (list.ok) this.#setSnapshots(list.value);
  }

  /** The snapshot list, keeping compare picks only for snapshots still in it. */
  #setSnapshots(list: SnapshotMetaView[]): void {
    this.#snapshots = list;
    this.#picked = this.#picked.filter((id) => list.some((s) => s.id === id));
  }

  /** A fresh lookup of this hostPort id; when saving is on it becomes the newest snapshot and is shown. */
  async refresh(): Promise<void> {
    if (this.#refreshing) return;
    this.#refreshing = true;
    this.#refreshError = null;
    // A snapshot that kept its host's port list gets it again, so the new one can be compared port by port.
    const listHost = this.#current?.context?.portList?.host;
    const first = await call('lookup:run', { requestId: newRequestId(), hostPortId: this.hostPortId, expandCertificate: true, ...(listHost ? { portListHost: listHost } : {}) });
    // A saved one is read back from History; an unsaved one is shown as it came, every banner in.
    const r = first.ok && !first.value.snapshotId ? await withAllBanners(first.value, call) : first;
    this.#refreshing = false;
    if (!r.ok) {
      this.#refreshError = r.error;
      return;
    }
    this.#refreshedId = r.value.snapshotId;
    if (r.value.snapshotId) await this.load(r.value.snapshotId);
    else this.#unsaved = r.value;
  }

  dismissRefreshError(): void {
    this.#refreshError = null;
  }

  // ---- note, tags, pin ----

  async #loadMeta(): Promise<void> {
    const r = await call('history:list', { hostPortId: this.hostPortId, limit: 1 });
    const hit = r.ok ? r.value.items.find((i) => i.hostPortId === this.hostPortId) : undefined;
    if (hit) this.#setMeta({ note: hit.note, tags: hit.tags, pinned: hit.pinned });
    else if (!r.ok) this.#metaError = r.error;
  }

  #setMeta(meta: EntryMeta): void {
    this.#meta = { note: meta.note, tags: [...meta.tags], pinned: meta.pinned };
    this.draftNote = meta.note;
  }

  async saveNote(): Promise<void> {
    if (!this.noteDirty) return;
    const note = this.draftNote;
    if (await this.#patch({ note })) this.#savedNote = note;
  }

  async addTagText(text: string): Promise<boolean> {
    if (!this.#meta) return false;
    const { tags, problem } = addTags(this.#meta.tags, parseTagInput(text));
    this.#tagProblem = problem;
    if (tags.length === this.#meta.tags.length) return problem === null;
    return this.#patch({ tags });
  }

  removeTag(tag: string): Promise<boolean> {
    if (!this.#meta) return Promise.resolve(false);
    return this.#patch({ tags: removeTag(this.#meta.tags, tag) });
  }

  togglePin(): Promise<boolean> {
    if (!this.#meta) return Promise.resolve(false);
    return this.#patch({ pinned: !this.#meta.pinned });
  }

  async #patch(patch: Partial<EntryMeta>): Promise<boolean> {
    const r = await call('history:setMeta', { hostPortId: this.hostPortId, ...patch });
    if (!r.ok) {
      this.#metaError = r.error;
      return false;
    }
    this.#metaError = null;
    const cur = this.#meta ?? { note: '', tags: [], pinned: false };
    this.#meta = { ...cur, ...patch };
    return true;
  }

  // ---- compare ----

  isPicked(id: string): boolean {
    return this.#picked.includes(id);
  }

  /** Ticking a third snapshot drops the oldest tick, so two stay picked. */
  pick(id: string, on: boolean): void {
    const rest = this.#picked.filter((x) => x !== id);
    this.#picked = on ? [...rest, id].slice(-2) : rest;
  }

  async compare(): Promise<void> {
    const [a, b] = this.#picked.map((id) => this.#snapshots.find((s) => s.id === id));
    if (!a || !b) return;
    this.#comparing = true;
    const r = await call('history:compare', orderForCompare(a, b));
    this.#comparing = false;
    if (r.ok) {
      this.#comparison = r.value;
      this.#compareError = null;
    } else {
      this.#compareError = r.error;
      if (r.error.kind === 'storage' || r.error.kind === 'notFound') void this.#refreshSnapshots();
    }
  }

  /** The snapshot saved just before this one (the list is newest first), or null for the oldest. */
  previousOf(snapshotId: string): SnapshotMetaView | null {
    const i = this.#snapshots.findIndex((s) => s.id === snapshotId);
    return i < 0 ? null : (this.#snapshots[i + 1] ?? null);
  }

  /** One step instead of ticking two boxes: this snapshot against the one saved before it. */
  async compareWithPrevious(snapshotId: string): Promise<void> {
    const prev = this.previousOf(snapshotId);
    if (!prev) return;
    this.#picked = [prev.id, snapshotId];
    await this.compare();
  }

  closeComparison(): void {
    this.#comparison = null;
    this.#compareError = null;
  }
}
