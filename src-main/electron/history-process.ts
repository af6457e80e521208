// The history host as Electron's utility process: a Chromium-launched child with Node, so the main process (which
// serves IPC and window events) never waits on the history's disk access. Built as its own entry (history-host.ts).
import type { ForkOptions, UtilityProcess } from 'electron';
import { EventEmitter } from 'node:events';
import type { FromHost, HostChannel, SpawnHost, ToHost } from '../core/history-host/protocol';

/** The part of Electron's utilityProcess module used here (a fake in tests). */
export interface UtilityForker {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess;
}

export function utilityHostSpawner(utility: UtilityForker, entry: string): SpawnHost {
  return () => {
    const child = utility.fork(entry, [], { serviceName: 'Portolan history', stdio: 'inherit' });
    const events = new EventEmitter();
    let gone = false;
    const end = (code: number | null): void => {
      if (gone) return;
      gone = true;
      events.emit('exit', code);
    };
    child.on('message', (m: FromHost) => events.emit('message', m));
    // Electron emits 'exit' after 'error' too; either way the host is gone once.
    child.on('error', () => end(null));
    child.on('exit', (code) => end(code));
    const channel: HostChannel = {
      // Electron queues messages posted before the child has started.
      post: (message: ToHost) => {
        if (!gone) child.postMessage(message);
      },
      onMessage: (listener) => void events.on('message', listener),
      onExit: (listener) => void events.on('exit', listener),
      kill: () => void child.kill(),
    };
    return channel;
  };
}
