// The naive baseline the issue measures against (and schema v1 of the real store): every snapshot in one array in
// one conf store, so every save re-reads, re-parses and rewrites the whole file.
import { writeFileSync } from 'node:fs';
import Conf from 'conf';
import type { SnapshotInput, V1File, V1Snapshot } from '../src-main/core/history';

export function toV1(input: SnapshotInput, id: string): V1Snapshot {
  return {
    id,
    hostPortId: input.hostPortId,
    host: input.host,
    port: input.port,
    savedAt: Date.parse(input.savedAt ?? new Date().toISOString()),
    cloud: input.cloud,
    tenant: input.tenant,
    username: input.account,
    source: input.source,
    request: input.request,
    raw: input.raw,
    view: input.hostPort,
  };
}

export class NaiveHistory {
  readonly conf: Conf<Record<string, unknown>>;

  constructor(dir: string) {
    this.conf = new Conf<Record<string, unknown>>({ configName: 'history', cwd: dir, projectName: 'portolan', clearInvalidConfig: false });
  }

  /** Writes N snapshots in one go, in conf's own file format, so a large baseline does not take hours to build. */
  static prefill(path: string, snapshots: V1Snapshot[]): void {
    const file: V1File = { schemaVersion: 1, snapshots, meta: {} };
    writeFileSync(path, JSON.stringify(file, undefined, '\t'));
  }

  save(s: V1Snapshot): void {
    const all = (this.conf.get('snapshots') as V1Snapshot[] | undefined) ?? [];
    all.push(s);
    this.conf.set('snapshots', all);
  }

  /** First page: one row per hostPort, newest first. */
  firstPage(text = '', limit = 100): { hostPortId: string; count: number }[] {
    const needle = text.toLowerCase();
    const all = (this.conf.get('snapshots') as V1Snapshot[] | undefined) ?? [];
    const rows = new Map<string, { hostPortId: string; count: number; latest: number }>();
    for (const s of all) {
      if (needle && !matches(s, needle)) continue;
      const row = rows.get(s.hostPortId) ?? { hostPortId: s.hostPortId, count: 0, latest: 0 };
      row.count++;
      row.latest = Math.max(row.latest, s.savedAt);
      rows.set(s.hostPortId, row);
    }
    return [...rows.values()].sort((a, b) => b.latest - a.latest).slice(0, limit);
  }
}

function matches(s: V1Snapshot, needle: string): boolean {
  if ((s.host ?? '').toLowerCase().includes(needle)) return true;
  for (const b of s.view.banners) if (b.banner.toLowerCase().includes(needle)) return true;
  for (const svc of s.view.services) {
    const c = svc.component;
    if (c && `${c.name ?? ''} ${c.version ?? ''}`.toLowerCase().includes(needle)) return true;
  }
  return false;
}
