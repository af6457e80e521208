// A STIX 2.1 bundle of saved snapshots: per snapshot an observed-data wrapping its observables, and per host
// port a note carrying the analyst's note and tags. Every id and timestamp comes from the saved content (never
// the clock), so exporting the same history twice gives byte-identical objects.
import type { SnapshotView } from '../../../src-shared/views';
import { contentId } from './ids';
import { certificateObject, hostObject, softwareObject, stamp, trafficObject, type StixObject } from './observables';

export interface StixHostPortInput {
  snapshots: readonly SnapshotView[];
  note: string;
  tags: readonly string[];
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

const MAX_OBSERVED = 999_999_999;

/** Leaves out absent properties, so the object in memory is the JSON document a schema validates. */
function present(o: StixObject): StixObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as StixObject;
}

function savedTime(s: SnapshotView): string {
  const ms = Date.parse(s.savedAt);
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString();
}

/** The observables of one snapshot, host first; the traffic object refers to the host. */
function observablesOf(s: SnapshotView): StixObject[] {
  const host = s.hostPort.host?.id ?? s.host;
  if (!host) return [];
  const h = hostObject(host);
  const out = [h, trafficObject(h.id, s.hostPort)];
  const cert = certificateObject(s.hostPort.certificate);
  if (cert) out.push(cert);
  for (const svc of s.hostPort.services) {
    const sw = softwareObject(svc);
    if (sw) out.push(sw);
  }
  return out;
}

function observedData(s: SnapshotView, refs: string[]): StixObject {
  const saved = savedTime(s);
  let first = stamp(s.hostPort.firstSeen) ?? saved;
  let last = stamp(s.hostPort.lastSeen) ?? saved;
  if (last < first) [first, last] = [saved, saved];
  const n = Math.min(Math.max(s.hostPort.timesObserved ?? 1, 1), MAX_OBSERVED);
  const content = {
    first_observed: first,
    last_observed: last,
    number_observed: n,
    object_refs: refs,
    x_portolan_saved_at: saved,
    x_portolan_status: s.hostPort.status ?? undefined,
    x_portolan_banners: s.hostPort.banners.map((b) => ({ scan_protocol: b.scanProtocol ?? '', banner: b.banner })),
  };
  return present({ type: 'observed-data', spec_version: '2.1', id: contentId('observed-data', content), created: saved, modified: saved, ...content });
}

function noteObject(input: StixHostPortInput, refs: string[], when: string): StixObject | null {
  const note = input.note.trim();
  if (!note && input.tags.length === 0) return null;
  const tags = [...input.tags];
  const content = note || `Tags: ${tags.join(', ')}`;
  const body = { content, object_refs: refs, labels: tags.length ? tags : undefined };
  return present({ type: 'note', spec_version: '2.1', id: contentId('note', body), created: when, modified: when, ...body });
}

export function buildStixBundle(hostPorts: readonly StixHostPortInput[]): StixBundle {
  const objects = new Map<string, StixObject>();
  const add = (o: StixObject) => {
    if (!objects.has(o.id)) objects.set(o.id, o);
  };
  for (const hp of hostPorts) {
    const observed: string[] = [];
    let latest = '';
    for (const s of hp.snapshots) {
      const obs = observablesOf(s);
      if (obs.length === 0) continue;
      obs.forEach(add);
      const od = observedData(s, obs.map((o) => o.id));
      add(od);
      observed.push(od.id);
      if (savedTime(s) > latest) latest = savedTime(s);
    }
    if (observed.length === 0) continue;
    const note = noteObject(hp, observed, latest);
    if (note) add(note);
  }
  const list = [...objects.values()];
  return { type: 'bundle', id: contentId('bundle', list.map((o) => o.id).sort()), objects: list };
}
