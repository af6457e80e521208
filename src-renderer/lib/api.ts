// The renderer's one way to reach main: the preload's window.portolan in the app, or the web preview's
// HTTP bridge. Either way every call resolves to a Result; nothing throws across the boundary.
import type { Channel, PortolanApi, RequestOf, ResponseOf, Result } from '../../src-shared/contract';

const PREVIEW_KEY_META = 'portolan-preview-key';

/** The preview's per-run key (empty in the app), also needed by its streamed history routes. */
export function previewKey(): string {
  return document.querySelector(`meta[name="${PREVIEW_KEY_META}"]`)?.getAttribute('content') ?? '';
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) {
    const e = v.error as { kind?: unknown; message?: unknown } | undefined;
    return typeof e === 'object' && e !== null && typeof e.kind === 'string' && typeof e.message === 'string';
  }
  return false;
}

/** The web preview's bridge: POST /api/invoke with the preview's per-run key. */
export function httpBridge(fetchImpl: typeof fetch = (...args) => fetch(...args), key: () => string = previewKey): PortolanApi {
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      let response: Response;
      try {
        response = await fetchImpl('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Portolan-Key': key() },
          body: JSON.stringify({ channel, payload: request }),
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { kind: 'offline', message: 'Portolan could not reach its background service. Is the preview still running?' } };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (isResult(body)) return body as Result<ResponseOf<C>>;
      return {
        ok: false,
        error: {
          kind: response.status === 401 || response.status === 403 ? 'unauthorized' : 'internal',
          message: `The preview bridge answered HTTP ${response.status} without a result.`,
          status: response.status,
        },
      };
    },
  };
}

export const api: PortolanApi = window.portolan ?? httpBridge();

/** Typed shorthand for api.invoke. */
export function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return api.invoke(channel, request);
}

/** A request id the contract accepts ([A-Za-z0-9_-], at most 64). */
export function newRequestId(): string {
  return crypto.randomUUID().replace(/[^A-Za-z0-9_-]/g, '');
}
