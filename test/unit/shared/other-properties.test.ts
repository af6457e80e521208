// "Other properties" lists what the structured view does not show, at any depth, by walking what Graph sent.
import { describe, expect, it } from 'vitest';
import { otherProperties, otherPropertiesOf } from '../../../src-shared/other-properties';

const body = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#x',
  id: 'hp-1',
  port: 443,
  status: 'open',
  futureTopLevel: 'yes',
  banners: [{ banner: 'HTTP/1.1 200 OK', scanProtocol: 'http', timesObserved: 2, cipher: 'TLS_AES_128' }],
  services: [
    { isRecent: true, component: { id: 'c1', name: 'nginx', version: '1.25', category: 'Web servers', vendor: 'F5' } },
    { isRecent: false, component: { name: 'OpenSSL' }, confidence: { level: 'high', source: 'scan' } },
  ],
  host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: '192.0.2.1', netblock: '192.0.2.0/24', anything: 1 },
  mostRecentSslCertificate: {
    id: 'cert-1',
    sha1: 'ab',
    signatureAlgorithm: 'sha256RSA',
    issuer: { commonName: 'CA', organizationName: 'Org', locality: '<script>x</script>', address: { city: 'X' } },
    subject: { commonName: 'h.example', alternateNames: ['h.example'] },
  },
};

describe('other properties', () => {
  it('lists unmodelled properties at every depth by path, and nothing the view shows', () => {
    expect(otherProperties(JSON.stringify(body))).toEqual([
      { path: 'futureTopLevel', value: 'yes' },
      { path: 'banners[0].cipher', value: 'TLS_AES_128' },
      { path: 'services[0].component.vendor', value: 'F5' },
      { path: 'services[1].confidence.level', value: 'high' },
      { path: 'services[1].confidence.source', value: 'scan' },
      { path: 'mostRecentSslCertificate.signatureAlgorithm', value: 'sha256RSA' },
      { path: 'mostRecentSslCertificate.issuer.locality', value: '<script>x</script>' },
    ]);
  });

  it('reads the seed\'s "value" wrapper, and gives nothing for text that is not JSON', () => {
    expect(otherProperties(JSON.stringify({ value: { id: 'x', extraThing: [1, 2] } }))).toEqual([{ path: 'extraThing', value: '[1,2]' }]);
    expect(otherProperties('<html>')).toEqual([]);
  });

  it('reads a body already parsed exactly as its text (main walks the parse it built the view from)', () => {
    expect(otherPropertiesOf(body)).toEqual(otherProperties(JSON.stringify(body)));
    expect(otherPropertiesOf({ value: { id: 'x', extraThing: true } })).toEqual([{ path: 'extraThing', value: 'true' }]);
    expect(otherPropertiesOf('not an object')).toEqual([]);
  });

  it('stops at 500 rows', () => {
    const many = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`p${i}`, i]));
    expect(otherProperties(JSON.stringify({ id: 'x', ...many }))).toHaveLength(500);
  });
});
