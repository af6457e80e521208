// The app's log file: <userData>/logs/portolan.log, rotated at about 1 MB with the three previous files
// kept (portolan.log.1 is the newest of them). Appends are asynchronous and run one after another, so the
// Electron main thread never waits on the disk and lines never interleave. Every line goes through the
// same redaction as errors (exact tokens the core used, then anything JWT- or bearer-shaped), and line
// breaks and control characters inside a message are escaped, so logged text cannot forge log lines.
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { redactSecrets } from './failure';

export const LOG_FILE_NAME = 'portolan.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP = 3;
/** A single message longer than this is cut: a huge banner or response must not fill the log by itself. */
const MAX_LINE_CHARS = 8192;

export interface RotatingLogOptions {
  dir: string;
  maxBytes?: number;
  keep?: number;
  /** Exact-value redaction (the core's token ledger); pattern redaction is always applied after it. */
  redact?: (text: string) => string;
  now?: () => Date;
  /** A failed append is reported here and otherwise ignored: logging must never break the app. */
  onError?: (err: unknown) => void;
}

export interface RotatingLog {
  readonly dir: string;
  readonly file: string;
  write(message: string): void;
  /** Resolves when every line written so far is on disk. */
  flush(): Promise<void>;
}

export function formatLogLine(message: string, at: Date, redact: (text: string) => string = (t) => t): string {
  const clean = redactSecrets(redact(message))
    .slice(0, MAX_LINE_CHARS)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return `${at.toISOString()} ${clean}\n`;
}

export function createRotatingLog(opts: RotatingLogOptions): RotatingLog {
  const file = join(opts.dir, LOG_FILE_NAME);
  const maxBytes = opts.maxBytes ?? LOG_MAX_BYTES;
  const keep = opts.keep ?? LOG_KEEP;
  const now = opts.now ?? (() => new Date());
  let size: number | null = null;
  let queue: Promise<void> = Promise.resolve();

  const rotate = async (): Promise<void> => {
    await rm(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(ignoreMissing);
    await rename(file, `${file}.1`).catch(ignoreMissing);
    size = 0;
  };

  const append = async (line: string): Promise<void> => {
    if (size === null) {
      await mkdir(opts.dir, { recursive: true, mode: 0o700 });
      size = await stat(file).then((s) => s.size, () => 0);
    }
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) await rotate();
    await appendFile(file, line, { mode: 0o600 });
    size += bytes;
  };

  return {
    dir: opts.dir,
    file,
    write(message) {
      const line = formatLogLine(message, now(), opts.redact);
      queue = queue.then(() => append(line)).catch((err: unknown) => {
        // Re-read the size next time: the file may have been moved or removed under us.
        size = null;
        opts.onError?.(err);
      });
    },
    flush: () => queue,
  };
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
