import { describe, expect, it } from 'vitest';
import { emptyReason } from '../../../../src-renderer/features/detail/empty-reasons';

describe('why a detail section is empty', () => {
  const all = { select: [] as string[], expand: ['mostRecentSslCertificate'] };

  it('with every property requested, an empty section means Graph had nothing', () => {
    expect(emptyReason('banners', all)).toBe('No banners in this response.');
    expect(emptyReason('services', all)).toBe('No services in this response.');
    expect(emptyReason('certificate', all)).toBe('No certificate in this response.');
    expect(emptyReason('host', all)).toBe('No host in this response.');
  });

  it('a property left out of $select says it was not requested', () => {
    const r = { select: ['id', 'status', 'services'], expand: ['mostRecentSslCertificate'] };
    expect(emptyReason('banners', r)).toMatch(/^Not requested: banners were left out/);
    expect(emptyReason('services', r)).toBe('No services in this response.');
    expect(emptyReason('host', r)).toMatch(/^Not requested: the host was left out/);
    expect(emptyReason('certificate', r)).toMatch(/^Not requested: the certificate was left out/);
  });

  it('a certificate that was not expanded says so', () => {
    expect(emptyReason('certificate', { select: [], expand: [] })).toMatch(/did not expand the most recent TLS certificate/);
  });
});
