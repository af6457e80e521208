// The import's file writer, a worker thread (see file-writer.ts): each file created and renamed into place in
// one go on this thread, while the store's thread parses the next records.
import { parentPort } from 'node:worker_threads';
import { createThenRename } from './create-then-rename';
import type { FromWriter, WriteBatch } from './file-writer-protocol';

const port = parentPort;
if (!port) throw new Error('The file writer must run as a worker thread.');
port.on('message', ({ id, items }: WriteBatch) => {
  const failures: Extract<FromWriter, { t: 'done' }>['failures'] = [];
  items.forEach(({ tmp, path, data }, index) => {
    try {
      createThenRename(tmp, path, data);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      failures.push({ index, message: e.message, code: e.code ?? null });
    }
  });
  port.postMessage({ t: 'done', id, failures } satisfies FromWriter);
});
port.postMessage({ t: 'ready' } satisfies FromWriter);
