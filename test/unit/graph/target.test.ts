import { describe, expect, it } from 'vitest';
import { hostPortIdPathSegment, normaliseHost, normaliseHostPortId, normaliseLookupTarget, normalisePort } from '../../../src-main/core/graph/target';
import { errorOf } from './failure-helpers';

describe('normaliseHost', () => {
  it.each([
    ['85.13.139.18', '85.13.139.18', 'ipv4'],
    ['  85.13.139.18 ', '85.13.139.18', 'ipv4'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 'ipv6'],
    ['[2001:db8::1]', '2001:db8::1', 'ipv6'],
    ['::1', '::1', 'ipv6'],
    ['Mail.Northwind.Example', 'mail.northwind.example', 'hostname'],
    ['example.com.', 'example.com', 'hostname'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', 'hostname'],
    ['bücher.example', 'xn--bcher-kva.example', 'hostname'],
    ['localhost', 'localhost', 'hostname'],
    [`${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`, 'hostname'],
    // The form's reading (shared/host-port-input): URLs give their host, underscores are kept.
    ['https://example.com/', 'example.com', 'hostname'],
    ['example.com/path', 'example.com', 'hostname'],
    ['exa_mple.com', 'exa_mple.com', 'hostname'],
  ])('accepts %j as %j', (input, host, kind) => {
    expect(normaliseHost(input)).toEqual({ host, kind });
  });

  it.each([
    ['', /Enter a host/],
    ['   ', /Enter a host/],
    ['exa mple.com', /contains spaces/],
    ['fe80::1%eth0', /IPv6 zone id \("%eth0"\)/],
    ['exa%6dple.com', /contains "%"/],
    ['user@example.com', /"@"/],
    ['85.13.139.18:21', /includes a port; put "85.13.139.18" in Host and 21 in Port/],
    ['https://85.13.139.18:21/', /includes a port; put "85.13.139.18" in Host and 21 in Port/],
    ['2001:db8::g', /not a valid IPv6/],
    ['[85.13.139.18]', /not a valid IPv6 address in brackets/],
    ['[2001:db8::1', /not a valid IPv6 address in brackets/],
    ['256.1.1.1', /not a valid IPv4/],
    ['1.2.3', /not a valid IPv4/],
    ['010.1.1.1', /leading zero/],
    ['-example.com', /starts or ends with a hyphen/],
    ['example..com', /empty label/],
    [`${'a'.repeat(64)}.example`, /longer than 63/],
    [`${'abcdefghi.'.repeat(26)}com`, /longer than 253/],
  ])('rejects %j with a specific message', (input, message) => {
    const e = errorOf(() => normaliseHost(input));
    expect(e.kind).toBe('invalidInput');
    expect(e.message).toMatch(message);
  });
});

describe('normalisePort', () => {
  it.each([
    [21, 21],
    ['21', 21],
    [' 443 ', 443],
    [1, 1],
    [65535, 65535],
    ['065535', 65535],
  ])('accepts %j', (input, port) => {
    expect(normalisePort(input)).toBe(port);
  });

  it.each([
    ['21abc', /"21abc" is not a number/],
    ['2 1', /not a number/],
    ['0x15', /not a number/],
    ['-1', /Port -1 is negative/],
    [0, /Port 0 is not a real port/],
    ['0', /Port 0 is not a real port/],
    [65536, /65536 is above 65535/],
    ['99999', /99999 is above 65535/],
    [21.5, /not a whole number/],
    [-3, /negative/],
    ['', /Enter a port/],
    [undefined, /Enter a port/],
  ])('rejects %j with a specific message', (input, message) => {
    const e = errorOf(() => normalisePort(input));
    expect(e.kind).toBe('invalidInput');
    expect(e.message).toMatch(message);
  });
});

describe('normaliseLookupTarget (host and port as lookup:run sends them)', () => {
  it('takes the port from a pasted URL, and the id from a pasted Graph link', () => {
    expect(normaliseLookupTarget('https://85.13.139[.]18:21/', undefined)).toMatchObject({ kind: 'hostPort', host: '85.13.139.18', port: 21 });
    expect(normaliseLookupTarget('2001:DB8:0:0:0:0:0:1', '22')).toMatchObject({ kind: 'hostPort', host: '2001:db8::1', port: 22 });
    expect(normaliseLookupTarget('https://graph.microsoft.com/v1.0/security/threatIntelligence/hostPorts/abc%2B%3D', '')).toEqual({
      kind: 'id',
      hostPortId: 'abc+=',
      notes: ['Host port ID taken from the Graph link.'],
    });
  });

  it('says a bare host still needs a port, and refuses ids that cannot be one path segment', () => {
    expect(errorOf(() => normaliseLookupTarget('example.com', '')).message).toBe('Enter a port between 1 and 65535.');
    expect(errorOf(() => normaliseLookupTarget('https://graph.microsoft.com/v1.0/security/threatIntelligence/hostPorts/..', undefined)).message).toMatch(/not a host port ID/);
  });
});

describe('host port ids', () => {
  it('keeps an id exactly as pasted, trimming only', () => {
    expect(normaliseHostPortId('  ODUuMTMuMTM5LjE4JCQyMQ==\n')).toBe('ODUuMTMuMTM5LjE4JCQyMQ==');
    expect(normaliseHostPortId('tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao')).toBe('tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao');
  });

  it('rejects empty and over-long ids', () => {
    expect(errorOf(() => normaliseHostPortId('  ')).message).toMatch(/Enter a host port ID/);
    expect(errorOf(() => normaliseHostPortId('a'.repeat(513))).message).toMatch(/513 characters long; IDs are at most 512/);
    expect(normaliseHostPortId('a'.repeat(512))).toHaveLength(512);
  });

  it('encodes =, / and + so the id stays one path segment', () => {
    expect(hostPortIdPathSegment('a+b/c=')).toBe('a%2Bb%2Fc%3D');
    expect(decodeURIComponent(hostPortIdPathSegment('a+b/c='))).toBe('a+b/c=');
  });
});
