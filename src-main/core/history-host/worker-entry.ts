// Entry of the history worker thread (see worker-host.ts): the real store on conf files, answering its parent.
import { parentPort } from 'node:worker_threads';
import { confKvFactory } from '../history/conf-kv';
import type { FromHost, ToHost } from './protocol';
import { serveHistory } from './serve';

const port = parentPort;
if (!port) throw new Error('The history worker must run as a worker thread.');
serveHistory(
  {
    post: (message: FromHost) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', (m: ToHost) => listener(m)),
    exit: () => process.exit(0),
  },
  confKvFactory,
);
