// A Graph stand-in that echoes the caller's opaque bearer token back in its error answers (JSON fields,
// an HTML page, a response header): nothing of it may come back over IPC.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { dispatch } from '../../../src-shared/contract';
import type { GraphServer } from '../../support/graph-server';
import { useAppHarness } from './harness';

// Not JWT-shaped, so pattern-based redaction cannot recognise it; only the exact value can.
const TOKEN = 'opaque-token-xyz123';

const app = useAppHarness({ name: 'redact' });

async function start(format: 'json' | 'html', status: number): Promise<{ c: Core; g: GraphServer }> {
  const g = await app.graph({ requireToken: TOKEN });
  g.setFault('/hostPorts/', { kind: 'echoToken', status, format });
  const c = await app.core({ staticToken: TOKEN, overrides: { graphBaseUrl: g.url } });
  return { c, g };
}

describe('a token echoed back by Graph never crosses IPC', () => {
  it.each([
    ['JSON 403 (message, code, request-id)', 'json', 403],
    ['JSON 500', 'json', 500],
    ['HTML 500 page', 'html', 500],
    ['HTML 502 page', 'html', 502],
  ] as const)('%s', async (_name, format, status) => {
    const { c, g } = await start(format, status);
    const reply = await dispatch(c.handlers, 'lookup:run', { requestId: 'r1', hostPortId: 'tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao' });
    // The stand-in really did receive and echo the token...
    expect(g.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(reply.ok).toBe(false);
    // ...and the reply (every field) carries no trace of it, while still saying what happened.
    const text = JSON.stringify(reply);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
    expect(text).toContain('[redacted]');
    if (!reply.ok) expect(reply.error.status).toBe(status);
  });
});
