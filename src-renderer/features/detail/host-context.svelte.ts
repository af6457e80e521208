// The host sections of one detail: each loads on its own (on demand, or at once for the top ones), fails on
// its own, and the paged ones grow with "Load more". A saved snapshot's sections are shown as they were saved.
import type { HostSectionKind, HostSectionView } from '../../../src-shared/host-views';
import type { PortolanError } from '../../../src-shared/views';
import { call } from '../../lib/api';

export type SectionState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; view: HostSectionView; more: 'idle' | 'loading' | PortolanError }
  | { status: 'error'; error: PortolanError };

type Invoke = (request: HostSectionRequestInput) => ReturnType<typeof call<'host:section'>>;
type HostSectionRequestInput = Parameters<typeof call<'host:section'>>[1];

const KINDS: readonly HostSectionKind[] = ['host', 'reputation', 'whois', 'passiveDns', 'passiveDnsReverse', 'relatedHosts'];

export class HostContextState {
  #sections = $state<Record<HostSectionKind, SectionState>>(Object.fromEntries(KINDS.map((k) => [k, { status: 'idle' }])) as Record<HostSectionKind, SectionState>);
  readonly host: string | null;
  readonly certificateId: string | null;
  #invoke: Invoke;

  /** The saved snapshot of this lookup: main keeps each section it fetches with it. */
  readonly snapshotId: string | null;

  constructor(
    host: string | null,
    certificateId: string | null,
    saved: Partial<Record<HostSectionKind, HostSectionView>> = {},
    invoke?: Invoke,
    snapshotId: string | null = null,
  ) {
    this.host = host;
    this.snapshotId = snapshotId;
    this.certificateId = certificateId;
    this.#invoke = invoke ?? ((request) => call('host:section', request));
    for (const [kind, view] of Object.entries(saved) as [HostSectionKind, HostSectionView][]) {
      this.#sections[kind] = { status: 'done', view, more: 'idle' };
    }
  }

  state(kind: HostSectionKind): SectionState {
    return this.#sections[kind];
  }

  /** Whether this detail can ask for the section at all (a host, or a certificate id for related hosts). */
  available(kind: HostSectionKind): boolean {
    return kind === 'relatedHosts' ? this.certificateId !== null : this.host !== null;
  }

  /** Every section loaded so far, as it would be saved. */
  loaded(): Partial<Record<HostSectionKind, HostSectionView>> {
    const out: Partial<Record<HostSectionKind, HostSectionView>> = {};
    for (const kind of KINDS) {
      const s = this.#sections[kind];
      if (s.status === 'done') out[kind] = s.view;
    }
    return out;
  }

  /** Shows the section as loading at once; the request goes out when `ready` resolves (e.g. after the first frame of the view is painted). */
  async load(kind: HostSectionKind, ready?: Promise<unknown>): Promise<void> {
    const request = this.#request(kind);
    if (!request || this.#sections[kind].status === 'loading') return;
    this.#sections[kind] = { status: 'loading' };
    if (ready) await ready;
    const r = await this.#invoke(request);
    this.#sections[kind] = r.ok ? { status: 'done', view: r.value, more: 'idle' } : { status: 'error', error: r.error };
  }

  /** The next page of a paged section, appended to what is shown. */
  async loadMore(kind: 'passiveDns' | 'passiveDnsReverse' | 'relatedHosts'): Promise<void> {
    const s = this.#sections[kind];
    if (s.status !== 'done' || s.more === 'loading' || !('nextLink' in s.view) || !s.view.nextLink) return;
    const base = this.#request(kind);
    if (!base) return;
    const previous = s.view;
    this.#sections[kind] = { ...s, more: 'loading' };
    const r = await this.#invoke({ ...base, nextLink: previous.nextLink! } as HostSectionRequestInput);
    if (!r.ok) {
      this.#sections[kind] = { status: 'done', view: previous, more: r.error };
      return;
    }
    this.#sections[kind] = { status: 'done', view: merge(previous, r.value), more: 'idle' };
  }

  #request(kind: HostSectionKind): HostSectionRequestInput | null {
    const keep = this.snapshotId ? { snapshotId: this.snapshotId } : {};
    if (kind === 'relatedHosts') return this.certificateId ? { kind, certificateId: this.certificateId, ...keep } : null;
    return this.host ? { kind, host: this.host, ...keep } : null;
  }
}

function merge(before: HostSectionView, page: HostSectionView): HostSectionView {
  if ((before.kind === 'passiveDns' || before.kind === 'passiveDnsReverse') && page.kind === before.kind) {
    return { ...page, records: [...before.records, ...page.records] };
  }
  if (before.kind === 'relatedHosts' && page.kind === 'relatedHosts') return { ...page, hosts: [...before.hosts, ...page.hosts] };
  return page;
}
