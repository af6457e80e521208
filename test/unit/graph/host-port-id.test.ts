// Pasted host port ids: refused before any token is fetched or any request is sent when they cannot be one
// safe path segment; percent-encoded into one segment otherwise.
import { describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src-main/core/graph/client';
import { hostPortIdPathSegment } from '../../../src-main/core/graph/target';
import type { HttpRequest, HttpResponse } from '../../../src-main/core/ports';
import { SEED_EXAMPLE_BODY } from '../../../src-main/core/demo/seed-example';
import { parseRequest } from '../../../src-shared/contract';
import { asyncErrorOf, errorOf } from './failure-helpers';

function recordingClient() {
  const requests: HttpRequest[] = [];
  let tokenCalls = 0;
  const client = createGraphClient({
    transport: async (req): Promise<HttpResponse> => {
      requests.push(req);
      return { status: 200, headers: {}, body: SEED_EXAMPLE_BODY };
    },
    serviceRoot: 'https://graph.test',
    apiVersion: 'v1.0',
    tokens: {
      async getToken() {
        tokenCalls++;
        return 'secret-token';
      },
    },
  });
  return { client, requests, tokenCalls: () => tokenCalls };
}

const REFUSED: [string, string, RegExp][] = [
  ['dot-dot', '..', /"\.\." is not a host port ID/],
  ['dot', '.', /"\." is not a host port ID/],
  ['dot-dot with spaces around', '  ..  ', /"\.\." is not a host port ID/],
  ['empty', '', /Enter a host port ID/],
  ['whitespace only', ' \t ', /Enter a host port ID/],
  ['lone high surrogate', '\ud800', /unpaired UTF-16 surrogate/],
  ['lone low surrogate inside', 'abc\udc00def', /unpaired UTF-16 surrogate/],
  ['newline inside', 'abc\ndef', /control character/],
  ['NUL', 'abc\u0000', /control character/],
  ['C1 control', 'abc\u0085def', /control character/],
  ['backslash', 'abc\\..\\def', /contains "\\"/],
  ['question mark', 'abc?$select=id', /contains "\?"/],
  ['hash', 'abc#frag', /contains "#"/],
  ['over-long', 'a'.repeat(513), /513 characters long; IDs are at most 512/],
];

describe('host port ids that cannot be one path segment', () => {
  it.each(REFUSED)('%s is refused as invalidInput before any token or request', async (_name, id, message) => {
    const { client, requests, tokenCalls } = recordingClient();
    const viaGet = await asyncErrorOf(client.getHostPort(id, { expandCertificate: true }));
    expect(viaGet.kind).toBe('invalidInput');
    expect(viaGet.message).toMatch(message);
    // Through lookup too (what lookup:run calls); blank ids there mean "no id", so host/port are asked for.
    const viaLookup = await asyncErrorOf(client.lookup({ hostPortId: id, expandCertificate: true }));
    expect(viaLookup.kind).toBe('invalidInput');
    expect(requests).toEqual([]);
    expect(tokenCalls()).toBe(0);
  });

  it('the path-segment encoder refuses them too, so no caller can build a dot-segment URL', () => {
    expect(errorOf(() => hostPortIdPathSegment('..')).kind).toBe('invalidInput');
    expect(errorOf(() => hostPortIdPathSegment('\ud800')).kind).toBe('invalidInput');
  });

  it.each(REFUSED.filter(([, id]) => id.trim() !== ''))('the lookup:run contract refuses %s with the same words', (_name, id, message) => {
    const r = parseRequest('lookup:run', { requestId: 'r1', hostPortId: id });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalidInput');
      // The over-long id is stopped by the length bound itself.
      if (id.length <= 512) expect(r.error.message).toMatch(message);
    }
  });

  it('the contract still takes a blank id (meaning: look up host and port)', () => {
    expect(parseRequest('lookup:run', { requestId: 'r1', hostPortId: '  ', host: '85.13.139.18', port: 21 }).ok).toBe(true);
  });
});

describe('host port ids that are sent', () => {
  it.each([
    ['the seed example', 'ODUuMTMuMTM5LjE4JCQyMQ==', 'ODUuMTMuMTM5LjE4JCQyMQ%3D%3D'],
    ['an opaque documented id', 'tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao', 'tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao'],
    ['base64 with / and +', 'ab/+cd==', 'ab%2F%2Bcd%3D%3D'],
    ['a slash-dot-dot inside', 'a/../b', 'a%2F..%2Fb'],
    ['three dots (not a dot-segment)', '...', '...'],
    ['percent signs stay literal', '%2e%2e', '%252e%252e'],
    ['a proper astral character', 'id\u{1F600}', 'id%F0%9F%98%80'],
  ])('%s goes out as exactly one path segment', async (_name, id, segment) => {
    const { client, requests } = recordingClient();
    await client.getHostPort(id, { expandCertificate: false });
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe(`/v1.0/security/threatIntelligence/hostPorts/${segment}`);
    // One segment: the path has exactly the expected number of '/'.
    expect(url.pathname.split('/')).toHaveLength(6);
    expect(decodeURIComponent(url.pathname.split('/')[5]!)).toBe(id);
  });
});
