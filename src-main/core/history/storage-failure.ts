// Disk errors from the history become 'storage' failures that say what could not be done, and why in the
// user's terms where the errno tells (a full disk, no permission); the raw message goes into the detail.
import { PortolanFailure, fail } from '../failure';

export function asStorageFailure(err: unknown, what: string): PortolanFailure {
  if (err instanceof PortolanFailure) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  const hint = code === 'ENOSPC' ? ' The disk is full.' : code === 'EACCES' || code === 'EPERM' ? ' Portolan is not allowed to write there.' : '';
  return fail('storage', `${what}.${hint}`, { detail: detail.slice(0, 300) });
}
