// Saves a bulk result to history like any lookup, and tags its host port with the job's name so the
// analyst finds the job's results there too.
import type { DataSource, SettingsView } from '../../../src-shared/views';
import type { HistoryPort } from '../service/ports';
import type { BulkHit } from './graph-calls';

export interface BulkSaverDeps {
  history: HistoryPort;
  settings(): SettingsView;
  sourceKind(): DataSource;
  activeUsername(): Promise<string | null>;
  now(): number;
}

export function bulkTag(jobName: string): string {
  return `bulk: ${jobName}`.slice(0, 80);
}

export function bulkHistorySaver(deps: BulkSaverDeps): (hit: BulkHit, jobName: string) => Promise<string | null> {
  return async (hit, jobName) => {
    const settings = deps.settings();
    if (!settings.saveHistory) return null;
    const kind = deps.sourceKind();
    const saved = await deps.history.save({
      hostPortId: hit.hostPortId,
      host: hit.host ?? hit.hostPort.host?.id ?? null,
      port: hit.port ?? hit.hostPort.port,
      savedAt: new Date(deps.now()).toISOString(),
      cloud: settings.cloud,
      tenant: kind === 'demo' ? null : settings.tenant,
      account: await deps.activeUsername(),
      source: kind,
      request: { url: hit.url, select: [], expand: ['mostRecentSslCertificate'], resolvedFrom: hit.host !== null && hit.port !== null ? { host: hit.host, port: hit.port } : null },
      raw: hit.raw,
      hostPort: hit.hostPort,
    });
    const tag = bulkTag(jobName);
    const page = await deps.history.list({ text: '', offset: 0, limit: 1, hostPortId: hit.hostPortId });
    const tags = page.items[0]?.tags ?? [];
    if (!tags.includes(tag) && tags.length < 50) await deps.history.setMeta({ hostPortId: hit.hostPortId, tags: [...tags, tag] });
    return saved.id;
  };
}
