// Adds a host section main fetched after the lookup to the saved snapshot it belongs to. The section must be
// about that snapshot's host (or its certificate, for related hosts); a next page is appended only to the saved
// pages it continues, so the saved list is always a run of pages from the first one.
import { hostKey } from '../../../src-shared/host-port-input';
import type { HostSectionView } from '../../../src-shared/host-views';
import type { SnapshotView } from '../../../src-shared/views';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import { fail } from '../failure';
import { hostSectionSchema } from './context-schema';
import { readRec } from './read-snapshot';
import type { HistoryState } from './state';

export interface ContextAttachInput {
  snapshotId: string;
  section: HostSectionView;
  /** What the section was asked about. */
  about: { host: string } | { certificateId: string };
  /** For a next page: the link it was read from. */
  after?: string;
}

export type AttachOutcome = 'saved' | 'notThisSnapshot' | 'notContinuous';

export function attachSection(state: HistoryState, input: ContextAttachInput): AttachOutcome {
  const rec = state.mem.snaps.get(input.snapshotId);
  if (!rec) throw fail('notFound', 'That snapshot is not in the history.', { code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND });
  if (!hostSectionSchema.safeParse(input.section).success) throw fail('invalidInput', 'That host section is not complete.');
  const snapshot = readRec(state, rec);
  if (!belongs(snapshot, input.about)) return 'notThisSnapshot';
  const sections = { ...(snapshot.context?.sections ?? {}) };
  const saved = sections[input.section.kind];
  let next: HostSectionView = input.section;
  if (input.after !== undefined) {
    if (!saved || !('nextLink' in saved) || saved.nextLink !== input.after) return 'notContinuous';
    next = appendPage(saved, input.section);
  }
  sections[input.section.kind] = next;
  const updated: SnapshotView = { ...snapshot, context: { ...(snapshot.context ?? {}), sections } };
  state.files.write(updated);
  return 'saved';
}

/** A later page joined to the pages before it; the fetch time is the latest page's. */
export function appendPage(before: HostSectionView, page: HostSectionView): HostSectionView {
  if ((before.kind === 'passiveDns' || before.kind === 'passiveDnsReverse') && page.kind === before.kind) {
    return { ...page, records: [...before.records, ...page.records] };
  }
  if (before.kind === 'relatedHosts' && page.kind === 'relatedHosts') return { ...page, hosts: [...before.hosts, ...page.hosts] };
  return page;
}

function belongs(snapshot: SnapshotView, about: ContextAttachInput['about']): boolean {
  if ('certificateId' in about) return snapshot.hostPort.certificate?.id === about.certificateId;
  const wanted = hostKey(about.host);
  const known = [snapshot.host, snapshot.hostPort.host?.id ?? null, snapshot.context?.portList?.host ?? null, snapshot.request.resolvedFrom?.host ?? null];
  return known.some((h) => h !== null && hostKey(h) === wanted);
}
