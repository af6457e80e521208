// The bulk channels, answered by the bulk service; hosts without one say so in a typed error.
import type { Handlers } from '../../../src-shared/contract';
import type { BulkService } from '../bulk/service';
import { asResult, fail } from '../failure';

type BulkChannel = Extract<keyof Handlers, `bulk:${string}`>;

export function bulkHandlers(bulk: BulkService | undefined): Pick<Handlers, BulkChannel> {
  const svc = (): BulkService => {
    if (!bulk) throw fail('notConfigured', 'Bulk lookups are not available here.');
    return bulk;
  };
  return {
    'bulk:start': (req) => asResult(() => svc().start(req.name, req.lines)),
    'bulk:pause': (req) => asResult(async () => svc().pause(req.jobId)),
    'bulk:resume': (req) => asResult(async () => svc().resume(req.jobId)),
    'bulk:cancel': (req) => asResult(() => svc().cancel(req.jobId)),
    'bulk:rerunFailed': (req) => asResult(() => svc().rerunFailed(req.jobId)),
    'bulk:status': () => asResult(async () => ({ jobs: svc().list() })),
    'bulk:results': (req) => asResult(async () => svc().results(req)),
    'bulk:export': (req) => asResult(async () => svc().export(req.jobId, req.format)),
  };
}
