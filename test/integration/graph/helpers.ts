import { PortolanFailure } from '../../../src-main/core/failure';
import { createGraphClient, type GraphClientOptions } from '../../../src-main/core/graph/client';
import { createNodeTransport } from '../../../src-main/core/net/node-transport';
import type { TokenSource } from '../../../src-main/core/ports';
import type { PortolanError } from '../../../src-shared/views';

export async function errorOf(p: Promise<unknown>): Promise<PortolanError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PortolanFailure) return err.error;
    throw err;
  }
  throw new Error('expected a PortolanFailure');
}

export function countingTokens(first = 'token-1', refreshed = 'token-2'): TokenSource & { calls: boolean[] } {
  const calls: boolean[] = [];
  return {
    calls,
    async getToken({ forceRefresh }) {
      calls.push(forceRefresh);
      return forceRefresh ? refreshed : first;
    },
  };
}

/** The real client over the real Node transport, with sleeps recorded (and skipped) unless realSleep. */
export function realClient(serviceRoot: string, extra: Partial<GraphClientOptions> = {}) {
  const sleeps: number[] = [];
  const tokens = countingTokens();
  const client = createGraphClient({
    transport: createNodeTransport({ allow: (u) => u.origin === new URL(serviceRoot).origin }),
    serviceRoot,
    apiVersion: 'v1.0',
    tokens,
    timeoutMs: 5000,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw new PortolanFailure({ kind: 'cancelled', message: 'The request was cancelled.' });
    },
    ...extra,
  });
  return { client, sleeps, tokens };
}
