// Why a History row matched a search: an excerpt of the first field holding the first term, every term in it
// marked. Worked out only for the rows of the page being returned, from the original text (the index keeps
// lower-cased text only, so the one snapshot that matched is read from its file).
import type { SearchMatchView, SnapshotView } from '../../../src-shared/views';
import type { HostPortEntry, HostPortMeta } from './memory-index';
import type { SnapRec } from './records';

/** Characters of context shown on each side of the first match. */
const CONTEXT = 40;
/** Longest text searched for a snippet, as the search text itself is cut (records.ts MAX_TERM). */
const MAX_TEXT = 4096;

export interface FieldText {
  field: string;
  text: string;
}

/** The original-case texts of one snapshot that the search covers, named by what they are. */
export function snapshotTexts(s: Pick<SnapshotView, 'hostPort'>): FieldText[] {
  const out: FieldText[] = [];
  const add = (field: string, v: unknown): void => {
    if (typeof v === 'string' && v.length > 0) out.push({ field, text: v.slice(0, MAX_TEXT) });
  };
  const hp = s.hostPort;
  for (const b of hp.banners ?? []) add('banner', b?.banner);
  for (const svc of hp.services ?? []) {
    const c = svc?.component;
    if (!c) continue;
    add('service', c.name && c.version ? `${c.name} ${c.version}` : (c.name ?? c.version));
  }
  const cert = hp.certificate;
  for (const entity of [cert?.subject, cert?.issuer]) {
    if (!entity) continue;
    add('certificate', entity.commonName);
    add('certificate', entity.organizationName);
    add('certificate', entity.organizationUnitName);
    for (const alt of entity.alternateNames ?? []) add('certificate', alt);
  }
  return out;
}

/** Texts known without reading a file: what the row shows anyway, and the analyst's own tags and note. */
function memoryTexts(hp: Pick<HostPortEntry, 'id' | 'snaps'>, meta: HostPortMeta): FieldText[] {
  const out: FieldText[] = [];
  const hosts = new Set<string>();
  for (const s of hp.snaps) if (s.host) hosts.add(s.host);
  for (const h of hosts) out.push({ field: 'host', text: h });
  const port = hp.snaps.find((s) => s.port !== null)?.port;
  if (port !== undefined && port !== null) out.push({ field: 'port', text: String(port) });
  out.push({ field: 'id', text: hp.id });
  for (const t of meta.tags) out.push({ field: 'tag', text: t });
  if (meta.note) out.push({ field: 'note', text: meta.note });
  return out;
}

/** An excerpt around the first occurrence of `terms[0]`, with every occurrence of any term inside it marked. */
export function excerpt(text: string, terms: string[]): SearchMatchView['segments'] | null {
  // Lower-casing can change a string's length (a few Unicode letters); positions must line up, so such text is
  // searched and shown lower-cased.
  let shown = text;
  let lower = text.toLowerCase();
  if (lower.length !== text.length) shown = lower;
  const first = terms[0];
  if (!first) return null;
  const at = lower.indexOf(first);
  if (at < 0) return null;
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(shown.length, at + first.length + CONTEXT);
  lower = lower.slice(start, end);
  shown = shown.slice(start, end);
  const marked = new Array<boolean>(shown.length).fill(false);
  for (const t of terms) {
    for (let i = lower.indexOf(t); i >= 0 && t.length > 0; i = lower.indexOf(t, i + 1)) marked.fill(true, i, i + t.length);
  }
  const segments: SearchMatchView['segments'] = [];
  if (start > 0) segments.push({ text: '…', marked: false });
  let runStart = 0;
  for (let i = 1; i <= shown.length; i++) {
    if (i === shown.length || marked[i] !== marked[runStart]) {
      segments.push({ text: shown.slice(runStart, i), marked: marked[runStart]! });
      runStart = i;
    }
  }
  if (end < text.length) segments.push({ text: '…', marked: false });
  return segments;
}

export interface SnippetSource {
  /** Lower-cased search text of one snapshot, as the index holds it. */
  terms(snapshotId: string): readonly string[] | undefined;
  /** The snapshot itself, or null when its file cannot be read. */
  read(rec: SnapRec): Pick<SnapshotView, 'hostPort'> | null;
}

/** Where the first search term matched this host port, or undefined when it cannot be shown. */
export function matchFor(hp: Pick<HostPortEntry, 'id' | 'snaps'>, meta: HostPortMeta, terms: string[], source: SnippetSource): SearchMatchView | undefined {
  const first = terms[0];
  if (!first) return undefined;
  const pick = (texts: FieldText[]): SearchMatchView | undefined => {
    for (const { field, text } of texts) {
      const segments = excerpt(text, terms);
      if (segments) return { field, segments };
    }
    return undefined;
  };
  // The snapshot text comes first: a banner or service explains a match better than the host shown beside it.
  const rec = hp.snaps.find((s) => source.terms(s.id)?.some((t) => t.includes(first)));
  const snapshot = rec ? source.read(rec) : null;
  return (snapshot ? pick(snapshotTexts(snapshot)) : undefined) ?? pick(memoryTexts(hp, meta));
}
