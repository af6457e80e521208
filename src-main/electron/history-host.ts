// Entry of the history utility process (see history-process.ts): the real store on electron-store files, answering
// the main process over process.parentPort. Bundled as its own file beside the main entry.
import { join } from 'node:path';
import type { FromHost, ToHost } from '../core/history-host/protocol';
import { serveHistory } from '../core/history-host/serve';
import { kvStoreFactory } from './kv';

const port = process.parentPort;
if (!port) throw new Error('The history host must run as an Electron utility process.');
serveHistory(
  {
    post: (message: FromHost) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', (event) => listener(event.data as ToHost)),
    exit: () => process.exit(0),
  },
  kvStoreFactory,
  // Built beside this file (electron.vite.config.mts); plain JavaScript, so no loader.
  { entry: join(__dirname, 'history-writer.js'), execArgv: [] },
);
