import type { ErrorKind, PortolanError, Result } from '../../src-shared/views';

/** The one error type core code throws. It carries the serialisable value that crosses IPC. */
export class PortolanFailure extends Error {
  readonly error: PortolanError;
  constructor(error: PortolanError) {
    super(error.message);
    this.name = 'PortolanFailure';
    this.error = error;
  }
}

export function fail(kind: ErrorKind, message: string, extra: Omit<PortolanError, 'kind' | 'message'> = {}): PortolanFailure {
  return new PortolanFailure({ kind, message, ...extra });
}

/** Turns anything thrown into a typed error value; unknown errors become 'internal' without leaking secrets. */
export function toPortolanError(err: unknown): PortolanError {
  if (err instanceof PortolanFailure) return err.error;
  if (err instanceof Error && err.name === 'AbortError') return { kind: 'cancelled', message: 'The request was cancelled.' };
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { kind: 'internal', message: 'Something went wrong inside Portolan.', detail: redactSecrets(detail).slice(0, 500) };
}

/** Runs a core operation and returns a Result, so handlers never throw across IPC. */
export async function asResult<T>(op: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await op() };
  } catch (err) {
    return { ok: false, error: toPortolanError(err) };
  }
}

/** Removes JWT-shaped strings and bearer headers from text that may be shown or logged. */
export function redactSecrets(text: string): string {
  return text
    .replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted]')
    .replace(/(bearer\s+)[^\s"']+/gi, '$1[redacted]')
    .replace(/((?:access|refresh|id)_token["'=:\s]+)[^\s"'&,}]+/gi, '$1[redacted]');
}
