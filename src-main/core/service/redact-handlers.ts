// The one place errors leave the core for IPC (the Electron shell and the preview both take core.handlers):
// every failed Result is scrubbed of the tokens the core has used before anyone can show or log it.
import type { Handlers } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/views';
import { toPortolanError } from '../failure';
import type { SecretLedger } from '../secret-ledger';

export function redactHandlerErrors(handlers: Handlers, ledger: Pick<SecretLedger, 'redactError'>): Handlers {
  const wrapped: Record<string, unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (...args: unknown[]) => Promise<Result<unknown>>][]) {
    wrapped[channel] = async (...args: unknown[]): Promise<Result<unknown>> => {
      let result: Result<unknown>;
      try {
        result = await handler(...args);
      } catch (err) {
        // Handlers return Results; should one throw, its error is scrubbed like any other.
        result = { ok: false, error: toPortolanError(err) };
      }
      return result.ok ? result : { ok: false, error: ledger.redactError(result.error) };
    };
  }
  return wrapped as unknown as Handlers;
}
