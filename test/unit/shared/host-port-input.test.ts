// The one reading of Host and Port text, shared by the renderer's form and main's lookup:run. Each row is
// what an analyst might paste, what Portolan looks up, and the notes that explain every change.
import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src-shared/contract';
import { parseHostInput, parseLookupInput, parsePortInput } from '../../../src-shared/host-port-input';

type Want = { host: string; kind?: string; port?: number; notes?: RegExp[] } | { id: string; notes?: RegExp[] } | { error: RegExp; field?: 'host' | 'port' };

const ACCEPTED: [string, Want][] = [
  // defanged indicators
  ['85.13.139[.]18', { host: '85.13.139.18', kind: 'ipv4', notes: [/Defanged brackets removed/] }],
  ['85[.]13[.]139[.]18', { host: '85.13.139.18', notes: [/Defanged brackets removed/] }],
  ['85(.)13{.}139[dot]18', { host: '85.13.139.18', notes: [/Defanged brackets removed/] }],
  ['hxxp://85.13.139[.]18/', { host: '85.13.139.18', port: 80, notes: [/Defanged scheme hxxp read as http/, /Defanged brackets/, /Port 80 assumed: the default port of http:\/\//] }],
  ['hxxps://evil[.]example/login.php', { host: 'evil.example', port: 443, notes: [/hxxps read as https/, /Defanged brackets/, /"\/login.php" of the URL dropped/, /Port 443 assumed/] }],
  ['hxxp[:]//85.13.139[.]18[:]21', { host: '85.13.139.18', port: 21, notes: [/hxxp read as http/, /Defanged brackets/, /Defanged \[:\] read as ":"/, /Port 21 taken from the URL/] }],
  ['85.13.139[.]18[:]21', { host: '85.13.139.18', port: 21, notes: [/Defanged brackets/, /Defanged \[:\]/, /Port 21 taken from the host/] }],
  // URLs
  ['https://85.13.139[.]18:21/', { host: '85.13.139.18', port: 21, notes: [/Defanged brackets/, /Port 21 taken from the URL/] }],
  ['https://Host.Example:8443/path?q=1#f', { host: 'host.example', port: 8443, notes: [/of the URL dropped/, /Lower-cased/, /Port 8443 taken from the URL/] }],
  ['https://example.com', { host: 'example.com', port: 443, notes: [/Port 443 assumed/] }],
  ['ftp://files.example/pub/', { host: 'files.example', port: 21, notes: [/"\/pub\/" of the URL dropped/, /Port 21 assumed: the default port of ftp:\/\//] }],
  ['ssh://admin:secret@10.0.0.1', { host: '10.0.0.1', port: 22, notes: [/User name and password in the URL dropped/, /Port 22 assumed/] }],
  ['gopher://example.org/', { host: 'example.org', notes: [] }],
  ['http://[2001:DB8::1]:8080/', { host: '2001:db8::1', kind: 'ipv6', port: 8080, notes: [/compressed lower-case form, 2001:db8::1/, /Port 8080 taken from the URL/] }],
  ['https://graph.microsoft.com/v1.0/security/threatIntelligence/hostPorts/ODUuMTMuMTM5LjE4JCQyMQ==', { id: 'ODUuMTMuMTM5LjE4JCQyMQ==', notes: [/Host port ID taken from the Graph link/] }],
  ['https://graph.microsoft.com/v1.0/security/threatIntelligence/hosts/85.13.139.18/ports', { host: '85.13.139.18', notes: [/Host taken from the Graph link/] }],
  // host:port and friends
  ['85.13.139.18:21', { host: '85.13.139.18', port: 21, notes: [/Port 21 taken from the host/] }],
  ['example.com:443', { host: 'example.com', port: 443 }],
  ['[2001:db8::1]:22', { host: '2001:db8::1', port: 22, notes: [/Port 22 taken from the host/] }],
  ['[2001:db8::1]', { host: '2001:db8::1', kind: 'ipv6', notes: [] }],
  ['85.13.139.18 21', { host: '85.13.139.18', port: 21, notes: [/Port 21 taken from after the space/] }],
  ['85.13.139.18\t 21', { host: '85.13.139.18', port: 21 }],
  ['85.13.139.18,21', { host: '85.13.139.18', port: 21, notes: [/Port 21 taken from after the comma/] }],
  ['example.com, 8443', { host: 'example.com', port: 8443, notes: [/after the comma/] }],
  ['2001:db8::1 443', { host: '2001:db8::1', port: 443 }],
  // IPv4 and IPv6
  ['85.13.139.18', { host: '85.13.139.18', kind: 'ipv4', notes: [] }],
  ['0.0.0.0', { host: '0.0.0.0', kind: 'ipv4' }],
  ['85.13.139.18.', { host: '85.13.139.18', kind: 'ipv4', notes: [/Trailing dot removed/] }],
  ['2001:DB8:0:0:0:0:0:1', { host: '2001:db8::1', kind: 'ipv6', notes: [/compressed lower-case form, 2001:db8::1/] }],
  ['2001:db8::1', { host: '2001:db8::1', kind: 'ipv6', notes: [] }],
  ['2001:0db8:0000:0000:0001:0000:0000:0001', { host: '2001:db8::1:0:0:1', kind: 'ipv6' }],
  ['::1', { host: '::1', kind: 'ipv6' }],
  ['::', { host: '::', kind: 'ipv6' }],
  ['1::', { host: '1::', kind: 'ipv6' }],
  ['2001:db8:0:1:1:1:1:1', { host: '2001:db8:0:1:1:1:1:1', kind: 'ipv6' }],
  ['::ffff:85.13.139.18', { host: '85.13.139.18', kind: 'ipv4', notes: [/IPv4-mapped IPv6 address ::ffff:85.13.139.18 is looked up as the IPv4 address 85.13.139.18/] }],
  ['::FFFF:550D:8B12', { host: '85.13.139.18', kind: 'ipv4', notes: [/IPv4-mapped/] }],
  ['64:ff9b::85.13.139.18', { host: '64:ff9b::550d:8b12', kind: 'ipv6' }],
  // hostnames
  ['Mail.Northwind.Example', { host: 'mail.northwind.example', kind: 'hostname', notes: [/Lower-cased/] }],
  ['example.com.', { host: 'example.com', notes: [/Trailing dot removed/] }],
  ['bücher.de', { host: 'xn--bcher-kva.de', kind: 'hostname', notes: [/converted to punycode, xn--bcher-kva.de/] }],
  ['BÜCHER.de', { host: 'xn--bcher-kva.de', kind: 'hostname' }],
  ['xn--bcher-kva.de', { host: 'xn--bcher-kva.de', notes: [] }],
  ['my_host.example.com', { host: 'my_host.example.com', kind: 'hostname', notes: [/Kept the "_"/] }],
  ['_dmarc.example.com', { host: '_dmarc.example.com', notes: [/_dmarc/] }],
  ['localhost', { host: 'localhost', kind: 'hostname' }],
  [`${'a'.repeat(63)}.example`, { host: `${'a'.repeat(63)}.example` }],
  ['example.com/path', { host: 'example.com', notes: [/"\/path" dropped/] }],
  // wrapping
  ['  "85.13.139.18"  ', { host: '85.13.139.18', notes: [/Surrounding quotes removed/] }],
  ['<https://example.com:8443/>', { host: 'example.com', port: 8443, notes: [/Surrounding angle brackets removed/, /Port 8443 taken from the URL/] }],
  ['\u201c85.13.139.18\u201d', { host: '85.13.139.18', notes: [/quotes/] }],
  ['\u200b85.13.139.18', { host: '85.13.139.18', notes: [/Invisible characters removed/] }],
];

const REFUSED: [string, RegExp][] = [
  ['', /Enter a host/],
  ['   ', /Enter a host/],
  ['""', /Enter a host/],
  ['fe80::1%eth0', /IPv6 zone id \("%eth0"\).*Graph knows addresses without zones/],
  ['[fe80::1%25eth0]:22', /IPv6 zone id \("%eth0"\)/],
  ['010.1.1.1', /leading zero in an IPv4 part, which is ambiguous/],
  ['256.1.1.1', /not a valid IPv4 address/],
  ['1.2.3', /not a valid IPv4 address/],
  ['0x7f.0.0.1', /hexadecimal/],
  ['2001:db8::g', /not a valid IPv6 address/],
  ['2001:db8::1::2', /not a valid IPv6 address/],
  ['1:2:3:4:5:6:7:8:9', /not a valid IPv6 address/],
  ['[85.13.139.18]', /not a valid IPv6 address in brackets/],
  ['[2001:db8::1', /not a valid IPv6 address in brackets/],
  ['fe80::1%eth0:22', /zone id/],
  ['exa mple.com', /contains spaces/],
  ['exa%6dple.com', /contains "%"/],
  ['user@example.com', /"@" and looks like an e-mail address/],
  ['-example.com', /starts or ends with a hyphen/],
  ['example..com', /empty label/],
  ['exa!mple.com', /contains "!"/],
  [`${'a'.repeat(64)}.example`, /longer than 63/],
  [`${'abcdefghi.'.repeat(26)}com`, /longer than 253/],
  ['10.0.0.0/8', /network range \(CIDR\)/],
  ['https:///path', /names no host/],
  ['85.13.139.18:abc', /Port "abc" is not a number/],
  ['85.13.139.18:70000', /Port 70000 is above 65535/],
  ['85.13.139.18 21 22', /contains spaces/],
  ['85.13.139.18:21 22', /two ports, 21 and 22/],
  ['a\nb', /control character/],
  ['85.13.139.18 ssh', /contains spaces/],
];

function check(result: ReturnType<typeof parseHostInput>, want: Want): void {
  if ('error' in want) {
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(want.error);
      if (want.field) expect(result.field).toBe(want.field);
    }
    return;
  }
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  if ('id' in want) expect(result.hostPortId).toBe(want.id);
  else {
    expect(result.host).toBe(want.host);
    if (want.kind) expect(result.kind).toBe(want.kind);
    expect(result.port).toBe(want.port);
  }
  if (want.notes) {
    expect(result.notes).toHaveLength(want.notes.length);
    want.notes.forEach((n, i) => expect(result.notes[i]).toMatch(n));
  }
}

describe('parseHostInput', () => {
  it.each(ACCEPTED)('reads %j', (input, want) => check(parseHostInput(input), want));
  it.each(REFUSED)('refuses %j with a specific message', (input, error) => check(parseHostInput(input), { error, field: 'host' }));

  it('writes every IPv6 address as the WHATWG URL parser (RFC 5952) does', () => {
    for (const [input, want] of ACCEPTED) {
      if ('host' in want && want.kind === 'ipv6') {
        expect(isIPv6(want.host)).toBe(true);
        expect(new URL(`http://[${want.host}]/`).hostname).toBe(`[${want.host}]`);
        expect(input).toBeTruthy();
      }
    }
  });
});

describe('parsePortInput', () => {
  it.each([
    [21, 21, []],
    ['21', 21, []],
    [' 443 ', 443, []],
    [65535, 65535, []],
    ['065535', 65535, [/Port "065535" read as 65535/]],
  ] as const)('accepts %j', (input, port, notes) => {
    const r = parsePortInput(input);
    expect(r).toMatchObject({ ok: true, port });
    if (r.ok) expect(r.notes.map(String)).toEqual(notes.map((n) => expect.stringMatching(n)));
  });

  it.each([
    ['abc', /Port "abc" is not a number; use digits only/],
    ['70000', /Port 70000 is above 65535, the highest port number/],
    ['-1', /Port -1 is negative/],
    ['21.5', /Port "21.5" is not a whole number/],
    [21.5, /Port 21.5 is not a whole number/],
    [-3, /Port -3 is negative/],
    ['0', /Port 0 is not a real port/],
    [0, /Port 0 is not a real port/],
    ['0x15', /not a number/],
    ['2 1', /not a number/],
    [Number.NaN, /not a number/],
    ['', /Enter a port between 1 and 65535/],
    [undefined, /Enter a port/],
  ] as const)('refuses %j with a specific message', (input, error) => {
    const r = parsePortInput(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('parseLookupInput (Host and Port fields together)', () => {
  it.each([
    [{ host: 'https://85.13.139[.]18:21/' }, { host: '85.13.139.18', port: 21 }],
    [{ host: 'https://85.13.139[.]18:21/', port: '21' }, { host: '85.13.139.18', port: 21 }],
    [{ host: 'https://example.com/', port: '8443' }, { host: 'example.com', port: 8443 }],
    [{ host: 'example.com' }, { host: 'example.com', port: undefined }],
    [{ host: 'example.com', port: 22 }, { host: 'example.com', port: 22 }],
  ])('reads %j', (fields, want) => {
    expect({ port: undefined, ...parseLookupInput(fields) }).toMatchObject({ ok: true, ...want });
  });

  it('drops the scheme-default note when the Port field names the port', () => {
    const r = parseLookupInput({ host: 'https://example.com/', port: '8443' });
    expect(r.ok && r.notes).toEqual([]);
  });

  it.each([
    [{ host: '85.13.139.18:21', port: '22' }, 'port', /host names port 21 but Port says 22/],
    [{ host: '85.13.139.18', port: 'abc' }, 'port', /"abc" is not a number/],
    [{ host: 'fe80::1%eth0', port: '22' }, 'host', /zone id/],
    [{ host: '', port: '22' }, 'host', /Enter a host/],
    [{ host: 'https://graph.microsoft.com/v1.0/security/threatIntelligence/hostPorts/abc', port: '22' }, 'port', /clear Port/],
  ] as const)('refuses %j', (fields, field, error) => {
    const r = parseLookupInput(fields);
    expect(r).toMatchObject({ ok: false, field });
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe("the 'lookup:run' schema reads host and port as the form does", () => {
  it('accepts a pasted defanged URL without a Port, and what the form would send', () => {
    expect(parseRequest('lookup:run', { requestId: 'r1', host: 'https://85.13.139[.]18:21/' }).ok).toBe(true);
    expect(parseRequest('lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 }).ok).toBe(true);
    expect(parseRequest('lookup:run', { requestId: 'r1', host: 'my_host.example.com', port: '22' }).ok).toBe(true);
  });

  it.each([
    [{ host: 'fe80::1%eth0', port: 22 }, 'host', /zone id/],
    [{ host: '010.1.1.1', port: 22 }, 'host', /leading zero/],
    [{ host: '85.13.139.18', port: 21.5 }, 'port', /Port 21.5 is not a whole number/],
    [{ host: '85.13.139.18', port: '70000' }, 'port', /Port 70000 is above 65535/],
    [{ host: '85.13.139.18:21', port: 22 }, 'port', /host names port 21 but Port says 22/],
  ])('refuses %j naming the field, in the words the form uses', (fields, field, message) => {
    const r = parseRequest('lookup:run', { requestId: 'r1', ...fields });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(`${field}: `);
      expect(r.error.message).toMatch(message);
      const form = parseLookupInput(fields);
      expect(form.ok).toBe(false);
      if (!form.ok) expect(r.error.message).toContain(form.error);
    }
  });
});
