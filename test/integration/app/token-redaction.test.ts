// A Graph stand-in that echoes the caller's opaque bearer token back in its error answers (JSON fields,
// an HTML page, a response header): nothing of it may come back over IPC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import { createAesEncryptor } from '../../../src-main/core/auth';
import { confKvFactory } from '../../../src-main/core/history';
import { dispatch } from '../../../src-shared/contract';
import { startGraphServer, type GraphServer } from '../../support/graph-server';
import { installNetworkGuard, type NetworkGuard } from '../auth/network-guard';

// Not JWT-shaped, so pattern-based redaction cannot recognise it; only the exact value can.
const TOKEN = 'opaque-token-xyz123';

let dir: string;
let core: Core | null = null;
let graph: GraphServer | null = null;
let guard: NetworkGuard;

beforeAll(() => {
  guard = installNetworkGuard();
});
afterAll(() => guard.restore());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-redact-'));
});
afterEach(async () => {
  await core?.dispose();
  await graph?.close();
  core = null;
  graph = null;
  rmSync(dir, { recursive: true, force: true });
  expect(guard.blocked).toEqual([]);
});

async function start(format: 'json' | 'html', status: number): Promise<{ c: Core; g: GraphServer }> {
  graph = await startGraphServer({ requireToken: TOKEN });
  graph.setFault('/hostPorts/', { kind: 'echoToken', status, format });
  core = await createCore({
    userDataDir: dir,
    version: '0.0.0-test',
    preview: true,
    kv: confKvFactory,
    encryptor: createAesEncryptor(),
    openBrowser: async () => {
      throw new Error('no browser in this test');
    },
    openExternal: async () => false,
    staticToken: TOKEN,
    overrides: { graphBaseUrl: graph.url },
  });
  return { c: core, g: graph };
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
