import { describe, expect, it } from 'vitest';
import { asLine, classificationTone, hostLabel } from '../../../src-renderer/features/detail/host-labels';
import { idOriginText } from '../../../src-renderer/features/detail/port-strip';
import { sectionFailureTitle } from '../../../src-renderer/features/detail/section-failure';
import { ERROR_CODES } from '../../../src-shared/error-codes';

describe('host labels', () => {
  it('gives the ipAddress and hostname properties readable labels, and keeps unknown names', () => {
    expect(hostLabel('countryOrRegion')).toBe('Country or region');
    expect(hostLabel('autonomousSystem.number')).toBe('AS number');
    expect(hostLabel('registrant')).toBe('Registrant');
    expect(hostLabel('somethingNew')).toBe('somethingNew');
  });

  it('writes the autonomous system as one line from what Graph sent', () => {
    expect(asLine({ number: 64500, name: 'EXAMPLE', organization: 'Example B.V.' })).toBe('AS64500 EXAMPLE (Example B.V.)');
    expect(asLine({ value: 'AS1', name: null, organization: null })).toBe('AS1');
    expect(asLine(null)).toBeNull();
    expect(asLine({})).toBeNull();
  });

  it('tones classifications and severities, leaving later values neutral', () => {
    expect(classificationTone('malicious')).toBe('danger');
    expect(classificationTone('suspicious')).toBe('warn');
    expect(classificationTone('unknownFutureValue')).toBe('');
  });

  it('names a section failure by code and kind, and where the id came from', () => {
    expect(sectionFailureTitle({ kind: 'notConfigured', message: 'x', code: ERROR_CODES.ENDPOINT_NOT_IN_CLOUD })).toBe('Not available in this cloud');
    expect(sectionFailureTitle({ kind: 'notFound', message: 'x' })).toBe('Nothing observed');
    expect(sectionFailureTitle({ kind: 'forbidden', message: 'x' })).toMatch(/Access denied/);
    expect(idOriginText('pasted')).toMatch(/pasted/);
    expect(idOriginText(undefined)).toBeNull();
  });
});
