import { describe, expect, it } from 'vitest';
import { PortolanFailure } from '../../../src-main/core/failure';
import { parseHostPort, parseHostPortBody } from '../../../src-main/core/graph/parse';
import { parseIsoMs } from '../../../src-main/core/graph/timestamps';
import { SEED_EXAMPLE_BODY } from '../../../src-main/core/demo/seed-example';
import { demoDataset, HOSTILE_ID, HTTPS_ID, HOSTNAME_ID, FILTERED_ID } from '../../../src-main/core/demo/fixtures';

function failureOf(fn: () => unknown): PortolanFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof PortolanFailure) return err;
    throw err;
  }
  throw new Error('expected a PortolanFailure');
}

describe('parseHostPortBody: the seed example', () => {
  const { hostPort, wrapped } = parseHostPortBody(SEED_EXAMPLE_BODY);

  it('unwraps "value" and reads every field', () => {
    expect(wrapped).toBe(true);
    expect(hostPort.id).toBe('ODUuMTMuMTM5LjE4JCQyMQ==');
    expect(hostPort.port).toBe(21);
    expect(hostPort.status).toBe('open');
    expect(hostPort.protocol).toBe('tcp');
    expect(hostPort.timesObserved).toBe(3698);
    expect(hostPort.lastSeen).toEqual({ raw: '2023-08-09T23:18:21.00Z', ms: Date.UTC(2023, 7, 9, 23, 18, 21) });
    expect(hostPort.banners).toHaveLength(1);
    expect(hostPort.banners[0]?.banner).toBe('220 FTP on dd44024.kasserver.com ready\r\n');
    expect(hostPort.banners[0]?.scanProtocol).toBe('telnet');
    expect(hostPort.services[0]?.component).toMatchObject({ name: 'OpenSSH', version: '8.2p1', category: 'Remote Access' });
    expect(hostPort.services[0]?.isRecent).toBe(true);
    expect(hostPort.host).toMatchObject({ id: '85.13.139.18', odataType: null, details: {} });
    expect(hostPort.extra).toEqual({});
  });

  it('keeps the month-17 timestamp raw, unparsed, with a warning', () => {
    expect(hostPort.firstSeen).toEqual({ raw: '2016-17-13T08:43:41.00Z', ms: null });
    expect(hostPort.warnings).toEqual(['firstSeenDateTime is not a valid date: "2016-17-13T08:43:41.00Z"']);
  });

  it('marks a certificate that is only {id} as a reference', () => {
    expect(hostPort.certificate?.referenceOnly).toBe(true);
    expect(hostPort.certificate?.id).toBe('ZDg5ZTNiZDQzZDVkOTA5YjQ3YTE4OTc3YWE5ZDVjZTM2Y2VlMTg0Yw==');
  });
});

describe('parseHostPortBody: shapes', () => {
  it('accepts a bare entity the same as a wrapped one', () => {
    const entity = JSON.parse(SEED_EXAMPLE_BODY).value;
    const bare = parseHostPortBody(JSON.stringify({ '@odata.context': 'x', ...entity }));
    expect(bare.wrapped).toBe(false);
    expect(bare.hostPort).toEqual(parseHostPortBody(SEED_EXAMPLE_BODY).hostPort);
  });

  it.each([
    ['not JSON', '<html>oops</html>'],
    ['an array', '[1,2]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['no id', '{"port": 21}'],
    ['an empty id', '{"id": "", "port": 21}'],
    ['a wrapped list', '{"value": [{"id": "a"}]}'],
  ])('rejects %s as invalidResponse', (_name, body) => {
    expect(failureOf(() => parseHostPortBody(body)).error.kind).toBe('invalidResponse');
  });

  it('treats missing and null collections as empty', () => {
    const v = parseHostPort({ id: 'x', banners: null });
    expect(v.banners).toEqual([]);
    expect(v.services).toEqual([]);
    expect(v.certificate).toBeNull();
    expect(v.host).toBeNull();
    expect(v.warnings).toEqual([]);
  });

  it('keeps unknown enum values and unknown properties, but not @odata annotations', () => {
    const v = parseHostPort({
      '@odata.type': '#microsoft.graph.security.hostPort',
      '@odata.etag': 'W/1',
      id: 'x',
      status: 'halfOpen',
      protocol: 'sctp',
      riskTier: 'elevated',
      nested: { a: [1, 2] },
    });
    expect(v.status).toBe('halfOpen');
    expect(v.protocol).toBe('sctp');
    expect(v.extra).toEqual({ riskTier: 'elevated', nested: { a: [1, 2] } });
  });

  it('keeps the host @odata.type and its type-specific details', () => {
    const v = parseHostPort({
      id: 'x',
      host: { '@odata.type': '#microsoft.graph.security.hostname', id: 'mail.example', registrar: 'R', firstSeenDateTime: '2020-02-29T00:00:00Z' },
    });
    expect(v.host).toEqual({
      id: 'mail.example',
      odataType: '#microsoft.graph.security.hostname',
      firstSeen: { raw: '2020-02-29T00:00:00Z', ms: Date.UTC(2020, 1, 29) },
      lastSeen: { raw: null, ms: null },
      details: { registrar: 'R' },
    });
  });

  it('tolerates wrong types with warnings instead of crashing', () => {
    const v = parseHostPort({
      id: 'x',
      port: '21',
      timesObserved: 'many',
      banners: { banner: 'not in a list' },
      services: [42, { isRecent: 'true', component: 'OpenSSH' }],
      mostRecentSslCertificate: 'abc',
      firstSeenDateTime: 1690000000,
    });
    expect(v.port).toBe(21);
    expect(v.timesObserved).toBeNull();
    expect(v.banners).toEqual([]);
    expect(v.services).toHaveLength(1);
    expect(v.services[0]?.isRecent).toBe(true);
    expect(v.services[0]?.component).toBeNull();
    expect(v.certificate).toBeNull();
    expect(v.firstSeen).toEqual({ raw: '1690000000', ms: null });
    expect(v.warnings).toEqual([
      'port is a string, not a number: "21".',
      'firstSeenDateTime is not a date string (got number): "1690000000"',
      'timesObserved is not a number (got a string); ignored.',
      'banners is not a list (got an object); ignored.',
      'services[0] is not an object (got a number); skipped.',
      'services[1].isRecent is a string, not a boolean: "true".',
      'services[1].component is not an object (got a string); ignored.',
      'mostRecentSslCertificate is not an object (got a string); ignored.',
    ]);
  });

  it('shows non-text banner text as text, with a warning naming the path', () => {
    const v = parseHostPort({ id: 'x', banners: [{ banner: 42, timesObserved: 3 }, { scanProtocol: 'ssh' }] });
    expect(v.banners.map((b) => b.banner)).toEqual(['42', '']);
    expect(v.warnings).toContain('banners[0].banner is not text (got a number); shown as "42".');
  });

  it('reads invalid nested timestamps raw, with the nested path in the warning', () => {
    const v = parseHostPort({ id: 'x', banners: [{ banner: 'b', lastSeenDateTime: '2023-02-29T00:00:00Z' }] });
    expect(v.banners[0]?.lastSeen).toEqual({ raw: '2023-02-29T00:00:00Z', ms: null });
    expect(v.warnings).toEqual(['banners[0].lastSeenDateTime is not a valid date: "2023-02-29T00:00:00Z"']);
  });

  it('keeps hostile banner text byte for byte', () => {
    const body = demoDataset().hostPorts[HOSTILE_ID];
    const v = parseHostPortBody(JSON.stringify(body)).hostPort;
    expect(v.banners[0]?.banner).toContain('<img src=x onerror=alert(1)>');
    expect(v.banners[0]?.banner).toContain('<script>alert(1)</script>');
    expect(v.banners[1]?.banner).toBe('\u001b[31mROOT SHELL READY\u001b[0m\u0000\u0007 admin@host:~# \u202Egnp.exe\u202C\r\n');
    expect(v.banners[2]?.banner.length).toBe(20 * 1024);
    expect(v.services[0]?.component?.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('parses an expanded certificate', () => {
    const v = parseHostPort(demoDataset().hostPorts[HTTPS_ID]);
    expect(v.certificate?.referenceOnly).toBe(false);
    expect(v.certificate?.subject?.alternateNames).toContain('api.contoso.example');
    expect(v.certificate?.issuer?.organizationName).toBe("Let's Encrypt");
    expect(v.certificate?.expirationDate.ms).toBe(Date.UTC(2025, 1, 18, 23, 59, 59));
  });

  it('parses every demo fixture without warnings except the seed', () => {
    for (const id of [HTTPS_ID, HOSTILE_ID, HOSTNAME_ID, FILTERED_ID]) {
      const v = parseHostPort(demoDataset().hostPorts[id]);
      expect(v.warnings, id).toEqual([]);
    }
    expect(parseHostPort(demoDataset().hostPorts[HOSTNAME_ID]).extra).toEqual({ riskTier: 'elevated' });
  });
});

describe('parseIsoMs: strict dates', () => {
  it.each([
    ['2023-08-09T23:18:21.00Z', Date.UTC(2023, 7, 9, 23, 18, 21)],
    ['2023-08-09T23:18:21Z', Date.UTC(2023, 7, 9, 23, 18, 21)],
    ['2023-08-09T23:18Z', Date.UTC(2023, 7, 9, 23, 18)],
    ['2023-08-09T23:18:21.1234567Z', Date.UTC(2023, 7, 9, 23, 18, 21, 123)],
    ['2023-08-10T01:18:21+02:00', Date.UTC(2023, 7, 9, 23, 18, 21)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
  ])('accepts %s', (text, ms) => {
    expect(parseIsoMs(text)).toBe(ms);
  });

  it.each([
    '2016-17-13T08:43:41.00Z',
    '2016-00-13T08:43:41Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2023-04-31T00:00:00Z',
    '2023-01-00T00:00:00Z',
    '2023-01-01T24:00:00Z',
    '2023-01-01T23:60:00Z',
    '2023-01-01T23:59:60Z',
    '2023-01-01T00:00:00+25:00',
    '2023-01-01',
    '2023-01-01T00:00:00',
    'Mon, 01 Jan 2023 00:00:00 GMT',
    ' 2023-01-01T00:00:00Z',
    '',
  ])('rejects %j', (text) => {
    expect(parseIsoMs(text)).toBeNull();
  });
});
