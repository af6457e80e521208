// The app's fetch over net.request with the core's transport around it: a proxy's request for credentials
// stops the request's clock while the analyst answers, and the clock starts afresh after the answer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFetchTransport } from '../../../src-main/core/net/fetch-transport';
import { createNetRequestFetch } from '../../../src-main/electron/net-request-fetch';
import { FakeClientRequest } from './fake-electron';
import { eventually } from '../../support/eventually';

const PROXY = { isProxy: true, scheme: 'basic', host: 'proxy.corp.example', port: 3128, realm: 'Corp' };
const URL_ = 'https://graph.microsoft.com/v1.0/security/threatIntelligence/hosts/x';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(respond: (request: FakeClientRequest) => void) {
  const requests: FakeClientRequest[] = [];
  const answers: ((username?: string, password?: string) => void)[] = [];
  const fetchImpl = createNetRequestFetch(
    (options) => {
      const request = new FakeClientRequest(options as Record<string, unknown>, respond);
      requests.push(request);
      return request as never;
    },
    (_authInfo, callback) => void answers.push(callback),
  );
  const transport = createFetchTransport(fetchImpl);
  return { requests, answers, transport };
}

describe('net.request fetch and the request timeout', () => {
  it('a request that never answers times out (the clock runs)', async () => {
    const { transport } = setup(() => undefined);
    const pending = transport({ method: 'GET', url: URL_, timeoutMs: 1000 });
    const outcome = expect(pending).rejects.toMatchObject({ error: { kind: 'timeout' } });
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
  });

  it('while a proxy prompt waits the clock stops; the answer lets the request finish', async () => {
    const { transport, answers, requests } = setup((request) => void request.emit('login', PROXY, (u?: string, p?: string) => (u && p ? request.reply(200, '{"id":"x"}') : request.reply(407, ''))));
    const pending = transport({ method: 'GET', url: URL_, timeoutMs: 1000 });
    await eventually(() => expect(answers).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests[0]!.aborted).toBe(false);
    answers[0]!('jdoe', 'pw');
    await expect(pending).resolves.toMatchObject({ status: 200, body: '{"id":"x"}' });
  });

  it('after the answer the clock starts afresh', async () => {
    const { transport, answers } = setup((request) => void request.emit('login', PROXY, () => undefined));
    const pending = transport({ method: 'GET', url: URL_, timeoutMs: 1000 });
    const outcome = expect(pending).rejects.toMatchObject({ error: { kind: 'timeout' } });
    await eventually(() => expect(answers).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(5000);
    answers[0]!('jdoe', 'pw');
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
  });

  it("a web server's challenge does not stop the clock", async () => {
    const { transport, answers } = setup((request) => void request.emit('login', { ...PROXY, isProxy: false }, () => undefined));
    const pending = transport({ method: 'GET', url: URL_, timeoutMs: 1000 });
    const outcome = expect(pending).rejects.toMatchObject({ error: { kind: 'timeout' } });
    await eventually(() => expect(answers).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
  });
});
