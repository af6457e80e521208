// What changed in the host's context between two snapshots: the reputation (classification, score, rules), the
// host's port list (a port is its number and protocol: new ones opened, missing ones closed) and the names seen
// around the host (passive DNS both ways, hosts with the same certificate). A part is compared only when both
// snapshots kept it; otherwise it is null, because "not saved" is not "nothing".
import type { ContextCompareView, HostPortEntryView, ReputationRuleView, SnapshotContextView } from '../../../src-shared/host-views';
import type { SnapshotView } from '../../../src-shared/views';

export function compareContext(before: SnapshotView, after: SnapshotView): ContextCompareView | undefined {
  const b = before.context;
  const a = after.context;
  if (!b && !a) return undefined;
  return { reputation: reputation(b, a), ports: ports(b, a), names: names(b, a) };
}

function reputation(b: SnapshotContextView | undefined, a: SnapshotContextView | undefined): ContextCompareView['reputation'] {
  const x = b?.sections.reputation;
  const y = a?.sections.reputation;
  if (x?.kind !== 'reputation' || y?.kind !== 'reputation') return null;
  const rb = x.reputation;
  const ra = y.reputation;
  const ruleKey = (r: ReputationRuleView): string => `${r.name ?? ''}\u0000${r.severity ?? ''}`;
  const before = new Set(rb.rules.map(ruleKey));
  const afterKeys = new Set(ra.rules.map(ruleKey));
  return {
    classification: rb.classification !== ra.classification ? { before: rb.classification, after: ra.classification } : null,
    score: rb.score !== ra.score ? { before: rb.score, after: ra.score } : null,
    rulesAdded: ra.rules.filter((r) => !before.has(ruleKey(r))),
    rulesRemoved: rb.rules.filter((r) => !afterKeys.has(ruleKey(r))),
  };
}

function ports(b: SnapshotContextView | undefined, a: SnapshotContextView | undefined): ContextCompareView['ports'] {
  const x = b?.portList;
  const y = a?.portList;
  if (!x || !y) return null;
  const key = (e: HostPortEntryView): string => `${e.port ?? ''}/${(e.protocol ?? '').toLowerCase()}`;
  const open = (list: HostPortEntryView[]) => new Map(list.filter((e) => e.status !== 'closed').map((e) => [key(e), e]));
  const was = open(x.entries);
  const now = open(y.entries);
  return {
    added: [...now].filter(([k]) => !was.has(k)).map(([, e]) => e),
    removed: [...was].filter(([k]) => !now.has(k)).map(([, e]) => e),
  };
}

function names(b: SnapshotContextView | undefined, a: SnapshotContextView | undefined): ContextCompareView['names'] {
  const x = nameSet(b);
  const y = nameSet(a);
  if (!x || !y) return null;
  return { added: [...y].filter((n) => !x.has(n)).sort(), removed: [...x].filter((n) => !y.has(n)).sort() };
}

/** Every name the context's name sections hold; null when it kept none of them. */
function nameSet(c: SnapshotContextView | undefined): Set<string> | null {
  if (!c) return null;
  const out = new Set<string>();
  let any = false;
  for (const s of Object.values(c.sections)) {
    if (s.kind === 'passiveDns' || s.kind === 'passiveDnsReverse') {
      any = true;
      for (const r of s.records) for (const n of [r.artifact, r.parentHost]) if (n) out.add(n.toLowerCase());
    } else if (s.kind === 'relatedHosts') {
      any = true;
      for (const h of s.hosts) if (h.id) out.add(h.id.toLowerCase());
    }
  }
  return any ? out : null;
}
