// The host-context part of a comparison as lines the panel reads out: reputation, ports opened or closed, names.
import type { ContextCompareView } from '../../../../src-shared/host-views';

export interface ContextLine {
  tone: 'added' | 'removed' | 'changed';
  tag: string;
  text: string;
}

const port = (e: { port: number | null; protocol: string | null }): string => `${e.port ?? '?'}/${e.protocol ?? 'unstated'}`;
const or = (x: string | number | null): string => (x === null ? 'not stated' : String(x));

export function contextLines(c: ContextCompareView | undefined): { reputation: ContextLine[]; ports: ContextLine[]; names: ContextLine[] } {
  const reputation: ContextLine[] = [];
  const ports: ContextLine[] = [];
  const names: ContextLine[] = [];
  if (!c) return { reputation, ports, names };
  if (c.reputation) {
    const r = c.reputation;
    if (r.classification) reputation.push({ tone: 'changed', tag: 'Classification', text: `${or(r.classification.before)} → ${or(r.classification.after)}` });
    if (r.score) reputation.push({ tone: 'changed', tag: 'Score', text: `${or(r.score.before)} → ${or(r.score.after)}` });
    for (const rule of r.rulesAdded) reputation.push({ tone: 'added', tag: 'New rule', text: `${rule.name ?? '(unnamed)'} (${rule.severity ?? 'unknown'})` });
    for (const rule of r.rulesRemoved) reputation.push({ tone: 'removed', tag: 'Rule gone', text: `${rule.name ?? '(unnamed)'} (${rule.severity ?? 'unknown'})` });
  }
  if (c.ports) {
    for (const e of c.ports.added) ports.push({ tone: 'added', tag: 'New port', text: port(e) });
    for (const e of c.ports.removed) ports.push({ tone: 'removed', tag: 'Closed or gone', text: port(e) });
  }
  if (c.names) {
    for (const n of c.names.added) names.push({ tone: 'added', tag: 'New name', text: n });
    for (const n of c.names.removed) names.push({ tone: 'removed', tag: 'Name gone', text: n });
  }
  return { reputation, ports, names };
}

export function contextChangeCount(c: ContextCompareView | undefined): number {
  const l = contextLines(c);
  return l.reputation.length + l.ports.length + l.names.length;
}
