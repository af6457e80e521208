// A host child (worker thread or Electron utility process) seen as one HostChannel: messages in, messages out,
// and one 'exit' however the child went (error, exit, or both), after which nothing more is posted to it.
import { EventEmitter } from 'node:events';
import type { FromHost, HostChannel, ToHost } from './protocol';

export interface ChildEvents {
  message(message: FromHost): void;
  /** The child is gone; null when it failed without an exit code. Repeats are ignored. */
  gone(code: number | null): void;
}

export function childChannel(child: { postMessage(message: ToHost): void }, kill: () => void, wire: (on: ChildEvents) => void): HostChannel {
  const events = new EventEmitter();
  let gone = false;
  wire({
    message: (m) => events.emit('message', m),
    gone: (code) => {
      if (gone) return;
      gone = true;
      events.emit('exit', code);
    },
  });
  return {
    post: (message) => {
      if (!gone) child.postMessage(message);
    },
    onMessage: (listener) => void events.on('message', listener),
    onExit: (listener) => void events.on('exit', listener),
    kill,
  };
}
