// The history host as a worker thread: the web preview and the tests. The preview runs its TypeScript under tsx,
// so the worker loads tsx too before its entry; the packaged app uses Electron's utility process instead.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { childChannel } from './child-channel';
import type { SpawnHost } from './protocol';

export interface WorkerHostOptions {
  /** The worker's entry; default: worker-entry.ts beside this file. */
  entry?: string;
}

export function workerHostSpawner(options: WorkerHostOptions = {}): SpawnHost {
  const entry = options.entry ?? join(__dirname, 'worker-entry.ts');
  return () => {
    const worker = new Worker(entry, { execArgv: ['--import', 'tsx'] });
    return childChannel(worker, () => void worker.terminate(), (on) => {
      worker.on('message', on.message);
      worker.on('error', () => on.gone(null));
      worker.on('exit', on.gone);
    });
  };
}
