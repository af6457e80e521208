import { describe, expect, it } from 'vitest';
import { addressLines } from '../../../../src-renderer/features/detail/certificate-address';

describe('certificate entity address', () => {
  it('reads physicalAddress in envelope order and keeps unknown fields', () => {
    expect(
      addressLines({ street: 'One Microsoft Way\nBuilding 92', city: 'Redmond', state: 'WA', postalCode: '98052', countryOrRegion: 'US', type: 'business', '@odata.type': '#x' }),
    ).toEqual(['One Microsoft Way', 'Building 92', '98052 Redmond, WA', 'US', 'type: business']);
  });

  it('says nothing for a missing address and keeps an unexpected shape as text', () => {
    expect(addressLines(null)).toEqual([]);
    expect(addressLines(undefined)).toEqual([]);
    expect(addressLines('Kerkstraat 1, Amsterdam')).toEqual(['Kerkstraat 1, Amsterdam']);
    expect(addressLines({ city: 'Berlin', extra: { floor: 3 } })).toEqual(['Berlin', 'extra: {"floor":3}']);
  });
});
