// The timeline of one saved host port, derived in main from its stored snapshots so the renderer gets small data:
// bars already merged across snapshots, every date already parsed. No runtime code here.

/** One banner or service, merged across every snapshot that held it: earliest first seen to latest last seen. */
export interface TimelineBarView {
  /** Stable within one answer, for keyed lists. */
  key: string;
  kind: 'banner' | 'service';
  /** Banner: the start of its text (attacker-controlled, render as text). Service: the component's name. */
  label: string;
  /** The banner's whole length, so the renderer can say it was cut. */
  labelLength: number;
  /** Banner: scan protocol. Service: the component's version. */
  detail: string | null;
  /** Service: the component's category. */
  category: string | null;
  /** Milliseconds since the epoch (UTC). */
  start: number;
  end: number;
  /** How many snapshots held it. */
  snapshots: number;
}

/** A certificate's validity (notBefore to notAfter) as a band. */
export interface TimelineBandView {
  key: string;
  /** The subject's common name (attacker-controlled text), or null. */
  subject: string | null;
  sha1: string | null;
  start: number;
  end: number;
  snapshots: number;
}

/** A snapshot save: a mark on the axis. */
export interface TimelineMarkView {
  snapshotId: string;
  savedAt: string;
  ms: number;
}

export interface TimelineView {
  hostPortId: string;
  host: string | null;
  port: number | null;
  protocol: string | null;
  /** Oldest first. */
  marks: TimelineMarkView[];
  /** Banners first, then services; each group in order of first seen. */
  bars: TimelineBarView[];
  bands: TimelineBandView[];
  /** Bars left out of this answer because there were too many (the renderer says so). */
  omitted: { banners: number; services: number };
  /** What was kept off the picture and why: missing or invalid dates, first seen after last seen. */
  notes: string[];
}
