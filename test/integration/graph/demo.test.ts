// The embedded demo through the same client path as Graph.
import { describe, expect, it } from 'vitest';
import { createDemoTransport, DEMO_GRAPH_ROOT, DEMO_TARGETS, demoTokenSource } from '../../../src-main/core/demo';
import { SEED_EXAMPLE_BODY } from '../../../src-main/core/demo/seed-example';
import { createGraphClient } from '../../../src-main/core/graph/client';
import type { HttpRequest } from '../../../src-main/core/ports';
import { errorOf } from './helpers';

function demoClient() {
  const inner = createDemoTransport({ latencyMs: 0 });
  const urls: string[] = [];
  const transport = (req: HttpRequest) => {
    urls.push(req.url);
    return inner(req);
  };
  return { client: createGraphClient({ transport, serviceRoot: DEMO_GRAPH_ROOT, apiVersion: 'v1.0', tokens: demoTokenSource }), urls };
}

describe('demo source', () => {
  it.each(DEMO_TARGETS.map((t) => [t.label, t] as const))('%s resolves and parses', async (_label, t) => {
    const { client } = demoClient();
    const r = await client.lookup({ host: t.host, port: t.port, expandCertificate: true });
    expect(r.hostPort.id).toBe(t.hostPortId);
    expect(r.hostPort.port).toBe(t.port);
    expect(r.request.resolvedFrom).toEqual({ host: t.host, port: t.port });
  });

  it("serves the seed's example exactly as documented", async () => {
    const { client } = demoClient();
    const r = await client.lookup({ host: '85.13.139.18', port: 21, expandCertificate: true });
    expect(r.raw).toBe(SEED_EXAMPLE_BODY);
    expect(r.hostPort.firstSeen.ms).toBeNull();
  });

  it('pages the SSH host list through nextLink', async () => {
    const { client, urls } = demoClient();
    await client.lookup({ host: '198.51.100.23', port: 22, expandCertificate: true });
    const lists = urls.filter((u) => u.includes('/ports'));
    expect(lists).toHaveLength(3);
    expect(lists[2]).toContain('$skiptoken=');
  });

  it('resolves a listed port without a detailed fixture to its opaque id', async () => {
    const { client } = demoClient();
    const r = await client.lookup({ host: '85.13.139.18', port: 22, expandCertificate: false });
    expect(r.hostPort.id).toBe('tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao');
  });

  it('answers 404 for anything else', async () => {
    const { client } = demoClient();
    const e = await errorOf(client.lookup({ host: 'unknown.example', port: 443, expandCertificate: true }));
    expect(e.kind).toBe('notFound');
    expect(e.message).toMatch(/never observed port 443 on unknown\.example/);
    expect((await errorOf(client.lookup({ hostPortId: 'nope', expandCertificate: true }))).kind).toBe('notFound');
  });

  it('refuses any other origin and honours cancellation', async () => {
    const transport = createDemoTransport({ latencyMs: 1000 });
    expect((await errorOf(transport({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/x' }))).message).toMatch(/refused to contact/);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    expect((await errorOf(transport({ method: 'GET', url: `${DEMO_GRAPH_ROOT}/v1.0/x`, signal: ac.signal }))).kind).toBe('cancelled');
  });
});
