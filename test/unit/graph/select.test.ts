import { describe, expect, it } from 'vitest';
import { buildHostPortQuery, validateSelect } from '../../../src-main/core/graph/select';
import { errorOf } from './failure-helpers';

describe('$select and $expand', () => {
  it('asks for everything with no select, expanding the certificate when wanted', () => {
    expect(buildHostPortQuery({ expandCertificate: true })).toEqual({
      select: [],
      expand: ['mostRecentSslCertificate'],
      search: '?$expand=mostRecentSslCertificate',
    });
    expect(buildHostPortQuery({ select: [], expandCertificate: false }).search).toBe('');
  });

  it('dedupes, orders stably and always keeps id', () => {
    const q = buildHostPortQuery({ select: ['banners', 'port', 'banners', ' status '], expandCertificate: false });
    expect(q.select).toEqual(['id', 'port', 'status', 'banners']);
    expect(q.search).toBe('?$select=id,port,status,banners');
    expect(buildHostPortQuery({ select: ['status', 'port'], expandCertificate: false }).search).toBe(
      buildHostPortQuery({ select: ['port', 'status'], expandCertificate: false }).search,
    );
  });

  it('adds mostRecentSslCertificate to a narrowed select when the certificate is expanded', () => {
    const q = buildHostPortQuery({ select: ['port', 'host'], expandCertificate: true });
    expect(q.select).toEqual(['id', 'port', 'host', 'mostRecentSslCertificate']);
    expect(q.search).toBe('?$select=id,port,host,mostRecentSslCertificate&$expand=mostRecentSslCertificate');
  });

  it('does not add the certificate when it is not expanded', () => {
    expect(buildHostPortQuery({ select: ['port'], expandCertificate: false }).select).toEqual(['id', 'port']);
  });

  it('rejects nested paths, quoting the documented rule', () => {
    for (const nested of ['host/id', 'mostRecentSslCertificate/id', 'banners/banner']) {
      const e = errorOf(() => validateSelect([nested]));
      expect(e.kind).toBe('invalidInput');
      expect(e.message).toContain(`$select cannot name "${nested}"`);
      expect(e.message).toContain("You can't use $select on nested properties");
    }
  });

  it('rejects names that are not hostPort properties', () => {
    const e = errorOf(() => validateSelect(['ports']));
    expect(e.message).toMatch(/"ports" is not a hostPort property/);
    expect(errorOf(() => validateSelect(['ID'])).kind).toBe('invalidInput');
  });
});
