// The history host as Electron's utility process: a Chromium-launched child with Node, so the main process (which
// serves IPC and window events) never waits on the history's disk access. Built as its own entry (history-host.ts).
import type { ForkOptions, UtilityProcess } from 'electron';
import { childChannel } from '../core/history-host/child-channel';
import type { SpawnHost } from '../core/history-host/protocol';

/** The part of Electron's utilityProcess module used here (a fake in tests). */
export interface UtilityForker {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess;
}

export function utilityHostSpawner(utility: UtilityForker, entry: string): SpawnHost {
  return () => {
    const child = utility.fork(entry, [], { serviceName: 'Portolan history', stdio: 'inherit' });
    // Electron queues messages posted before the child has started, and emits 'exit' after 'error' too.
    return childChannel(child, () => void child.kill(), (on) => {
      child.on('message', on.message);
      child.on('error', () => on.gone(null));
      child.on('exit', on.gone);
    });
  };
}
