// The embedded demo source: an HttpTransport that answers from the demo dataset, so demo lookups take the
// same path as real ones (client, retries, paging, parsing) and only the bytes come from memory.
import { fail } from '../failure';
import { abortableSleep } from '../net/sleep';
import type { HttpTransport, TokenSource } from '../ports';
import { demoDataset } from './fixtures';
import { answerGraphRequest, type GraphDataset } from './graph-responder';

/** A reserved (.invalid) name: it can never resolve, so demo traffic cannot leak to a real host. */
export const DEMO_GRAPH_ROOT = 'https://graph.demo.portolan.invalid';

export interface DemoTransportOptions {
  /** Simulated latency per request, so loading states are visible (default 150 ms). */
  latencyMs?: number;
  dataset?: GraphDataset;
}

export function createDemoTransport(opts: DemoTransportOptions = {}): HttpTransport {
  const dataset = opts.dataset ?? demoDataset();
  const latency = opts.latencyMs ?? 150;
  const rootOrigin = new URL(DEMO_GRAPH_ROOT).origin;
  return async (req) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw fail('network', 'Portolan refused to contact an address that is not a valid URL.', { code: 'PORTOLAN_REFUSED' });
    }
    if (url.origin !== rootOrigin) {
      throw fail('network', `Portolan refused to contact ${url.origin}: the demo source answers only for ${rootOrigin}.`, {
        code: 'PORTOLAN_REFUSED',
      });
    }
    if (latency > 0) await abortableSleep(latency, req.signal);
    else if (req.signal?.aborted) throw fail('cancelled', 'The request was cancelled.');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    return answerGraphRequest(dataset, { method: req.method, url: req.url, headers }, { serviceRoot: DEMO_GRAPH_ROOT });
  };
}

/** The demo needs no sign-in; the client still sends a bearer header, which the demo ignores. */
export const demoTokenSource: TokenSource = {
  getToken: async () => 'demo-token-not-a-secret',
};
