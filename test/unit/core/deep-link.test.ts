import { describe, expect, it } from 'vitest';
import { MAX_LINK_LENGTH, parseDeepLink } from '../../../src-main/core/deep-link';
import { createLinkInbox, MAX_PENDING_LINKS } from '../../../src-main/core/link-inbox';

const hostPort = (host: string, port: number) => ({ ok: true, target: { kind: 'hostPort', host, port } });
const id = (hostPortId: string) => ({ ok: true, target: { kind: 'id', hostPortId } });

describe('parseDeepLink: accepted links', () => {
  it.each([
    ['portolan://lookup?host=85.13.139.18&port=21', hostPort('85.13.139.18', 21)],
    ['portolan://lookup/?host=85.13.139.18&port=21', hostPort('85.13.139.18', 21)],
    ['portolan://lookup?port=443&host=Example.COM', hostPort('example.com', 443)],
    ['PORTOLAN://LOOKUP?host=example.com.&port=443', hostPort('example.com', 443)],
    ['portolan://lookup?host=%5B2001%3ADB8%3A%3A1%5D&port=22', hostPort('2001:db8::1', 22)],
    ['portolan://lookup?host=b%C3%BCcher.example&port=80', hostPort('xn--bcher-kva.example', 80)],
    ['portolan://lookup?hostPortId=ODUuMTMuMTM5LjE4JCQyMQ%3D%3D', id('ODUuMTMuMTM5LjE4JCQyMQ==')],
    ['portolan://hostport/ODUuMTMuMTM5LjE4JCQyMQ==', id('ODUuMTMuMTM5LjE4JCQyMQ==')],
    ['portolan://hostport/tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao', id('tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao')],
    ['portolan://hostport/ab+c/d==', id('ab+c/d==')],
    ['portolan://hostport/ab%2Bc%2Fd%3D%3D', id('ab+c/d==')],
    // The host is read as the form reads it: a pasted URL gives its host (the port must agree).
    ['portolan://lookup?host=https%3A%2F%2Fevil.example%2F&port=21', hostPort('evil.example', 21)],
    ['portolan://lookup?host=85.13.139%5B.%5D18&port=21', hostPort('85.13.139.18', 21)],
  ])('%s', (link, expected) => {
    expect(parseDeepLink(link)).toEqual(expected);
  });
});

describe('parseDeepLink: refused links say why', () => {
  it.each([
    ['', /empty/],
    ['https://evil.example/?host=1.2.3.4&port=21', /Only portolan:\/\/ links.*"https:"/],
    ['javascript:alert(1)', /Only portolan:\/\/ links.*"javascript:"/],
    ['file:///etc/passwd', /Only portolan:\/\/ links.*"file:"/],
    ['portolan:lookup?host=1.2.3.4&port=21', /not of the form/],
    ['portolan://settings?cloud=custom', /Unknown link target "settings"/],
    ['portolan://user:pass@lookup?host=1.2.3.4&port=21', /user name or password/],
    ['portolan://lookup@evil.example?host=1.2.3.4&port=21', /user name or password/],
    ['portolan://lookup:8080?host=1.2.3.4&port=21', /port on its target/],
    ['portolan://lookup?host=1.2.3.4&port=21#x', /"#" part/],
    ['portolan://lookup/extra?host=1.2.3.4&port=21', /takes no path/],
    ['portolan://lookup?host=1.2.3.4&port=21&graphRoot=https://evil.example', /Unknown link parameter "graphRoot"/],
    ['portolan://lookup?host=1.2.3.4&host=5.6.7.8&port=21', /repeats the host/],
    ['portolan://lookup?host=1.2.3.4', /no port/],
    ['portolan://lookup?port=21', /no host/],
    ['portolan://lookup', /names nothing/],
    ['portolan://lookup?host=1.2.3.4&port=21&hostPortId=abc', /both a host port ID and a host/],
    ['portolan://lookup?host=1.2.3.4&port=0', /Port 0 is not a real port/],
    ['portolan://lookup?host=1.2.3.4&port=70000', /above 65535/],
    ['portolan://lookup?host=1.2.3.4&port=21abc', /not a number/],
    ['portolan://lookup?host=999.1.1.1&port=21', /not a valid IPv4/],
    ['portolan://lookup?host=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&port=21', /contains spaces/],
    ['portolan://lookup?host=a%0Ab&port=21', /control character/],
    ['portolan://lookup?host=%E2%80%AEmoc.example&port=21', /contains "\u202e"|hostname|not a valid/],
    ['portolan://lookup?host=1.2.3.4&port=21\n', /control characters/],
    ['portolan://lookup?host=1.2.3.4 &port=21', /spaces or control/],
    ['portolan://lookup?host=1.2.3.4&port=2%1', /broken percent-encoding/],
    ['portolan://lookup?host&port=21', /host parameter has no value/],
    ['portolan://hostport/', /no host port ID/],
    ['portolan://hostport/..', /not a host port ID/],
    ['portolan://hostport/%2E%2E', /not a host port ID/],
    ['portolan://hostport/abc%3Fx%3D1', /contains "\?"/],
    ['portolan://hostport/abc%5Cx', /contains "\\"/],
    ['portolan://hostport/abc%00', /control character/],
    ['portolan://hostport/abc?x=1', /takes no "\?" parameters/],
    ['portolan://hostport/%E0%A4%A', /broken percent-encoding/],
    [`portolan://hostport/${'A'.repeat(600)}`, /at most 512/],
    [`portolan://lookup?host=${'a'.repeat(MAX_LINK_LENGTH)}&port=21`, /at most 2048/],
    ['portolan://lookup?host=\u202eevil&port=21', /text-direction/],
  ])('%s', (link, message) => {
    const parsed = parseDeepLink(link);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(message);
  });

  it('refuses what is not a string at all', () => {
    for (const value of [undefined, null, 42, {}, ['portolan://lookup?host=a.b&port=1']]) expect(parseDeepLink(value).ok).toBe(false);
  });

  it('quotes attacker text in a refusal only briefly', () => {
    const parsed = parseDeepLink(`portolan://${'x'.repeat(500)}?host=1.2.3.4&port=21`);
    expect(parsed.ok ? '' : parsed.message.length).toBeLessThan(200);
  });
});

describe('link inbox', () => {
  it('queues validated targets and refusals, hands them out once, and nudges listeners', () => {
    const inbox = createLinkInbox();
    let nudges = 0;
    const off = inbox.onAvailable(() => nudges++);
    inbox.offer('portolan://lookup?host=85.13.139.18&port=21');
    inbox.offer('https://evil.example/');
    expect(nudges).toBe(2);
    expect(inbox.take()).toEqual([
      { ok: true, target: { kind: 'hostPort', host: '85.13.139.18', port: 21 } },
      { ok: false, message: expect.stringMatching(/Only portolan/) },
    ]);
    expect(inbox.take()).toEqual([]);
    off();
    inbox.offer('portolan://hostport/abc');
    expect(nudges).toBe(2);
  });

  it('keeps only the newest links when flooded', () => {
    const inbox = createLinkInbox();
    for (let port = 1; port <= MAX_PENDING_LINKS + 5; port++) inbox.offer(`portolan://lookup?host=1.2.3.4&port=${port}`);
    const taken = inbox.take();
    expect(taken).toHaveLength(MAX_PENDING_LINKS);
    expect(taken[0]).toEqual({ ok: true, target: { kind: 'hostPort', host: '1.2.3.4', port: 6 } });
  });
});
