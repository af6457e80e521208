// The history host as a worker thread: the web preview and the tests. The preview runs its TypeScript under tsx,
// so the worker loads tsx too before its entry; the packaged app uses Electron's utility process instead.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromHost, HostChannel, SpawnHost, ToHost } from './protocol';

export interface WorkerHostOptions {
  /** The worker's entry; default: worker-entry.ts beside this file. */
  entry?: string;
}

export function workerHostSpawner(options: WorkerHostOptions = {}): SpawnHost {
  const entry = options.entry ?? join(__dirname, 'worker-entry.ts');
  return () => {
    const worker = new Worker(entry, { execArgv: ['--import', 'tsx'] });
    const events = new EventEmitter();
    let gone = false;
    const end = (code: number | null): void => {
      if (gone) return;
      gone = true;
      events.emit('exit', code);
    };
    worker.on('message', (m: FromHost) => events.emit('message', m));
    worker.on('error', () => end(null));
    worker.on('exit', (code) => end(code));
    const channel: HostChannel = {
      post: (message: ToHost) => {
        if (!gone) worker.postMessage(message);
      },
      onMessage: (listener) => void events.on('message', listener),
      onExit: (listener) => void events.on('exit', listener),
      kill: () => void worker.terminate(),
    };
    return channel;
  };
}
