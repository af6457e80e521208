// The timeline of one host port, derived from its stored snapshots. A banner is the same banner across snapshots
// when its scan protocol and text are the same (as in compare); a service is the same when its component's name and
// version are. Each merged bar runs from the earliest valid first seen to the latest valid last seen any snapshot
// reported. Anything without a usable date is left off the picture and counted in a note, never guessed.
import type { Stamp, SnapshotView } from '../../../src-shared/views';
import type { TimelineBandView, TimelineBarView, TimelineMarkView, TimelineView } from '../../../src-shared/timeline-views';

/** Longest banner excerpt sent to the renderer: enough to recognise a banner, small enough for thousands. */
export const TIMELINE_LABEL_MAX = 160;
/** At most this many bars of each kind cross IPC; the rest are counted in `omitted`. */
export const TIMELINE_BARS_MAX = 2000;

interface Span {
  start: number | null;
  end: number | null;
  snapshots: number;
  /** Some snapshot reported a date that is not a date (e.g. month 17). */
  invalid: boolean;
}

const validMs = (s: Stamp | null | undefined): number | null => (s && s.ms !== null && Number.isFinite(s.ms) ? s.ms : null);
const isInvalid = (s: Stamp | null | undefined): boolean => !!s && s.raw !== null && validMs(s) === null;

function widen(span: Span, first: Stamp | null | undefined, last: Stamp | null | undefined): void {
  const a = validMs(first);
  const b = validMs(last);
  if (a !== null) span.start = span.start === null ? a : Math.min(span.start, a);
  if (b !== null) span.end = span.end === null ? b : Math.max(span.end, b);
  if (isInvalid(first) || isInvalid(last)) span.invalid = true;
  span.snapshots += 1;
}

function spanFor<T>(map: Map<string, { item: T; span: Span }>, key: string, item: T): Span {
  let entry = map.get(key);
  if (!entry) {
    entry = { item, span: { start: null, end: null, snapshots: 0, invalid: false } };
    map.set(key, entry);
  }
  return entry.span;
}

type Noun = 'banner' | 'service' | 'certificate';

/** Counts of what could not be drawn, by noun and reason, turned into notes at the end. */
class Dropped {
  #counts = new Map<string, { noun: Noun; reason: string; n: number }>();
  add(noun: Noun, reason: string): void {
    const key = `${noun}\u0000${reason}`;
    const entry = this.#counts.get(key);
    if (entry) entry.n += 1;
    else this.#counts.set(key, { noun, reason, n: 1 });
  }
  notes(): string[] {
    return [...this.#counts.values()].map(({ noun, reason, n }) => `${n} ${plural(n, noun, `${noun}s`)} ${reason}: not drawn.`);
  }
}

function missingWhat(span: Span): string {
  const what = span.start === null && span.end === null ? 'first or last seen date' : span.start === null ? 'first seen date' : 'last seen date';
  return `without a valid ${what}${span.invalid ? ' (an invalid date was reported)' : ''}`;
}

function drawable(span: Span, noun: Noun, dropped: Dropped): span is Span & { start: number; end: number } {
  if (span.start === null || span.end === null) {
    dropped.add(noun, missingWhat(span));
    return false;
  }
  if (span.start > span.end) {
    dropped.add(noun, 'first seen after last seen');
    return false;
  }
  return true;
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** `snapshots` in any order; they must all belong to one host port. */
export function timelineSeries(hostPortId: string, snapshots: readonly SnapshotView[], barsMax = TIMELINE_BARS_MAX): TimelineView {
  const ordered = [...snapshots].sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  const latest = ordered.at(-1);
  const marks: TimelineMarkView[] = [];
  const banners = new Map<string, { item: { text: string; scanProtocol: string | null }; span: Span }>();
  const services = new Map<string, { item: { name: string | null; version: string | null; category: string | null }; span: Span }>();
  const certs = new Map<string, { item: { subject: string | null; sha1: string | null }; span: Span }>();
  let badSaves = 0;

  for (const s of ordered) {
    const ms = Date.parse(s.savedAt);
    if (Number.isFinite(ms)) marks.push({ snapshotId: s.id, savedAt: s.savedAt, ms });
    else badSaves += 1;
    const hp = s.hostPort;
    for (const b of hp.banners) {
      const key = `${b.scanProtocol ?? ''}\u0000${b.banner}`;
      widen(spanFor(banners, key, { text: b.banner, scanProtocol: b.scanProtocol }), b.firstSeen, b.lastSeen);
    }
    for (const sv of hp.services) {
      const c = sv.component;
      const key = `${c?.name ?? ''}\u0000${c?.version ?? ''}`;
      const span = spanFor(services, key, { name: c?.name ?? null, version: c?.version ?? null, category: c?.category ?? null });
      // The component's own dates stand in when the service-level ones are missing.
      widen(span, validMs(sv.firstSeen) !== null ? sv.firstSeen : (c?.firstSeen ?? sv.firstSeen), validMs(sv.lastSeen) !== null ? sv.lastSeen : (c?.lastSeen ?? sv.lastSeen));
    }
    const cert = hp.certificate;
    if (cert && !cert.referenceOnly) {
      const key = cert.sha1 ? `sha1:${cert.sha1.toLowerCase()}` : cert.id ? `id:${cert.id}` : `fp:${cert.fingerprint ?? ''}:${cert.serialNumber ?? ''}`;
      widen(spanFor(certs, key, { subject: cert.subject?.commonName ?? null, sha1: cert.sha1 }), cert.issueDate, cert.expirationDate);
    }
  }

  const dropped = new Dropped();
  const bannerBars: TimelineBarView[] = [];
  for (const { item, span } of banners.values()) {
    if (!drawable(span, 'banner', dropped)) continue;
    bannerBars.push({
      key: '',
      kind: 'banner',
      label: item.text.slice(0, TIMELINE_LABEL_MAX),
      labelLength: item.text.length,
      detail: item.scanProtocol,
      category: null,
      start: span.start,
      end: span.end,
      snapshots: span.snapshots,
    });
  }
  const serviceBars: TimelineBarView[] = [];
  for (const { item, span } of services.values()) {
    if (!drawable(span, 'service', dropped)) continue;
    const name = item.name ?? '';
    serviceBars.push({ key: '', kind: 'service', label: name.slice(0, TIMELINE_LABEL_MAX), labelLength: name.length, detail: item.version, category: item.category, start: span.start, end: span.end, snapshots: span.snapshots });
  }
  const bands: TimelineBandView[] = [];
  for (const { item, span } of certs.values()) {
    if (!drawable(span, 'certificate', dropped)) continue;
    bands.push({ key: `c${bands.length}`, subject: item.subject?.slice(0, TIMELINE_LABEL_MAX) ?? null, sha1: item.sha1, start: span.start, end: span.end, snapshots: span.snapshots });
  }

  const byStart = (a: TimelineBarView, b: TimelineBarView) => a.start - b.start || a.end - b.end;
  bannerBars.sort(byStart);
  serviceBars.sort(byStart);
  bands.sort((a, b) => a.start - b.start);
  const bars = [...bannerBars.slice(0, barsMax), ...serviceBars.slice(0, barsMax)].map((b, i) => ({ ...b, key: `${b.kind[0]}${i}` }));
  const notes = dropped.notes();
  if (badSaves > 0) notes.push(`${badSaves} ${plural(badSaves, 'snapshot has', 'snapshots have')} no valid save time: no mark drawn.`);

  return {
    hostPortId,
    host: latest?.host ?? null,
    port: latest?.port ?? latest?.hostPort.port ?? null,
    protocol: latest?.hostPort.protocol ?? null,
    marks,
    bars,
    bands,
    omitted: { banners: Math.max(0, bannerBars.length - barsMax), services: Math.max(0, serviceBars.length - barsMax) },
    notes,
  };
}
