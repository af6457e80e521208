import { describe, expect, it } from 'vitest';
import type { BannerView, ServiceView, Stamp } from '../../../src-shared/views';
import { bannerKeys, filterBanners, sortBanners } from '../../../src-renderer/features/detail/banner-sort';
import { explainError } from '../../../src-renderer/lib/ui/error-hints';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import { groupServices } from '../../../src-renderer/features/detail/services';
import { detailRows, hostKind } from '../../../src-renderer/features/detail/status';
import { tidyHostField, validateLookup } from '../../../src-renderer/features/lookup/lookup-validation';
import { describeStamp, formatRelative, formatUtc } from '../../../src-renderer/lib/time';

const stamp = (raw: string | null): Stamp => ({ raw, ms: raw === null || Number.isNaN(Date.parse(raw)) ? null : Date.parse(raw) });
const banner = (text: string, last: string | null, times: number | null): BannerView => ({
  banner: text,
  scanProtocol: 'telnet',
  firstSeen: stamp('2021-01-01T00:00:00Z'),
  lastSeen: stamp(last),
  timesObserved: times,
});

describe('time', () => {
  it('formats exact UTC', () => {
    expect(formatUtc(Date.parse('2023-08-09T23:18:21.00Z'))).toBe('2023-08-09 23:18:21 UTC');
  });
  it('formats relative times', () => {
    const now = Date.parse('2025-08-09T00:00:00Z');
    expect(formatRelative(Date.parse('2023-08-09T00:00:00Z'), now)).toBe('2 years ago');
    expect(formatRelative(now + 3 * 86_400_000, now)).toBe('in 3 days');
    expect(formatRelative(now - 1000, now)).toBe('just now');
  });
  it('keeps an invalid date raw and marks it', () => {
    expect(describeStamp({ raw: '2016-17-13T08:43:41.00Z', ms: null }, 0)).toEqual({ state: 'invalid', raw: '2016-17-13T08:43:41.00Z' });
    expect(describeStamp({ raw: null, ms: null }, 0)).toEqual({ state: 'missing' });
  });
});

describe('sortBanners', () => {
  const rows = [banner('b', '2023-01-01T00:00:00Z', 5), banner('a', '2016-17-13T08:43:41Z', 50), banner('c', '2024-01-01T00:00:00Z', null)];
  it('sorts by last seen with invalid dates last in both directions', () => {
    expect(sortBanners(rows, 'lastSeen', 'descending').map((r) => r.banner.banner)).toEqual(['c', 'b', 'a']);
    expect(sortBanners(rows, 'lastSeen', 'ascending').map((r) => r.banner.banner)).toEqual(['b', 'c', 'a']);
  });
  it('sorts by times observed and by text', () => {
    expect(sortBanners(rows, 'timesObserved', 'descending').map((r) => r.banner.banner)).toEqual(['a', 'b', 'c']);
    expect(sortBanners(rows, 'banner', 'ascending').map((r) => r.banner.banner)).toEqual(['a', 'b', 'c']);
  });
  it('works out a key when first wanted, once: the default order never reads the banners\' text', () => {
    let textReads = 0;
    const counted = rows.map((r) => {
      const copy = { ...r };
      Object.defineProperty(copy, 'banner', { enumerable: true, get: () => (textReads++, r.banner) });
      return copy as BannerView;
    });
    const keys = bannerKeys(counted);
    const sorted = sortBanners(counted, 'lastSeen', 'descending', keys);
    expect(textReads).toBe(0);
    expect(filterBanners(sorted, '', keys)).toBe(sorted);
    expect(textReads).toBe(0);
    expect(filterBanners(sorted, 'B', keys).map((r) => r.index)).toEqual([0]);
    expect(textReads).toBe(3);
    filterBanners(sorted, 'c', keys);
    expect(textReads).toBe(3);
  });
});

describe('groupServices', () => {
  const svc = (name: string, category: string | null, isRecent: boolean | null): ServiceView => ({
    firstSeen: stamp(null),
    lastSeen: stamp(null),
    isRecent,
    component: { id: null, name, version: null, category, firstSeen: stamp(null), lastSeen: stamp(null) },
  });
  it('groups by category with the uncategorised group last, recent first', () => {
    const groups = groupServices([svc('nginx', 'Server', false), svc('x', null, null), svc('OpenSSH', 'Remote Access', true), svc('Apache', 'Server', true)]);
    expect(groups.map((g) => [g.category, g.services.length])).toEqual([
      ['Remote Access', 1],
      ['Server', 2],
      ['Uncategorised', 1],
    ]);
    expect(groups[1]?.services.map((s) => s.component?.name)).toEqual(['Apache', 'nginx']);
  });
});

describe('host details', () => {
  it('names the host kind and flattens details', () => {
    expect(hostKind('#microsoft.graph.security.ipAddress')).toBe('ipAddress');
    expect(detailRows({ autonomousSystem: { number: 64500, name: 'X' }, countryOrRegion: 'NL', tags: ['a', 'b'] })).toEqual([
      { key: 'autonomousSystem.number', value: '64500' },
      { key: 'autonomousSystem.name', value: 'X' },
      { key: 'countryOrRegion', value: 'NL' },
      { key: 'tags', value: 'a, b' },
    ]);
  });
});

describe('validateLookup', () => {
  it('accepts host and port, or an id', () => {
    expect(validateLookup({ host: '85.13.139.18', port: '21', hostPortId: '' }).target).toEqual({ kind: 'hostPort', host: '85.13.139.18', port: 21 });
    expect(validateLookup({ host: '[2001:db8::1]', port: '22', hostPortId: '' }).target).toEqual({ kind: 'hostPort', host: '2001:db8::1', port: 22 });
    expect(validateLookup({ host: '', port: '', hostPortId: 'ODUuMTMuMTM5LjE4JCQyMQ==' }).target).toEqual({ kind: 'id', hostPortId: 'ODUuMTMuMTM5LjE4JCQyMQ==' });
  });
  it('splits host:port typed into the Host field', () => {
    expect(validateLookup({ host: 'example.com:443', port: '', hostPortId: '' }).target).toEqual({ kind: 'hostPort', host: 'example.com', port: 443 });
    expect(validateLookup({ host: '85.13.139.18:21', port: '', hostPortId: '' }).target).toEqual({ kind: 'hostPort', host: '85.13.139.18', port: 21 });
  });
  it("reads the Host field as main's lookup:run does (these three used to be read differently)", () => {
    const target = (host: string, port = '443') => validateLookup({ host, port, hostPortId: '' });
    expect(target('bücher.de').target).toEqual({ kind: 'hostPort', host: 'xn--bcher-kva.de', port: 443 });
    expect(target('my_host.example.com').target).toEqual({ kind: 'hostPort', host: 'my_host.example.com', port: 443 });
    expect(target('fe80::1%eth0').problems.host).toMatch(/IPv6 zone id \("%eth0"\)/);
    expect(target('2001:DB8:0:0:0:0:0:1').target).toEqual({ kind: 'hostPort', host: '2001:db8::1', port: 443 });
    expect(target('https://85.13.139[.]18:21/', '').target).toEqual({ kind: 'hostPort', host: '85.13.139.18', port: 21 });
    expect(target('85.13.139.18', '70000').problems.port).toBe('Port 70000 is above 65535, the highest port number.');
    expect(target('example.com', '').problems.port).toBe('Enter a port between 1 and 65535.');
  });
  it('explains what is wrong', () => {
    expect(validateLookup({ host: '', port: '', hostPortId: '' }).problems.form).toMatch(/host and a port/);
    expect(validateLookup({ host: 'a b', port: '0', hostPortId: '' }).problems).toMatchObject({ host: expect.any(String), port: expect.any(String) });
    expect(validateLookup({ host: '999.1.1.1', port: '22', hostPortId: '' }).problems.host).toBeDefined();
    expect(validateLookup({ host: 'x.com', port: '22', hostPortId: 'id' }).problems.form).toMatch(/not both/);
  });
});

describe('tidyHostField (after a paste into Host, or when it loses focus)', () => {
  const empty = { host: '', port: '', hostPortId: '' };
  it('moves the port of a pasted defanged URL into Port and keeps notes for the field', () => {
    expect(tidyHostField({ ...empty, host: 'https://85.13.139[.]18:21/' })).toEqual({
      host: '85.13.139.18',
      port: '21',
      hostPortId: '',
      notes: ['Defanged brackets removed ([.] and the like read as ".").', 'Port 21 taken from the URL.'],
    });
  });
  it('a written port replaces Port; a scheme-implied one only fills an empty Port', () => {
    expect(tidyHostField({ ...empty, host: 'example.com:8443', port: '22' })).toMatchObject({ host: 'example.com', port: '8443' });
    expect(tidyHostField({ ...empty, host: 'https://example.com/', port: '22' })).toEqual({ host: 'example.com', port: '22', hostPortId: '', notes: [] });
    expect(tidyHostField({ ...empty, host: 'https://example.com/' })).toMatchObject({ port: '443', notes: ['Port 443 assumed: the default port of https://.'] });
  });
  it('moves a pasted Graph hostPort link into Host port ID', () => {
    expect(tidyHostField({ ...empty, host: 'https://graph.microsoft.com/v1.0/security/threatIntelligence/hostPorts/ODUuMTMuMTM5LjE4JCQyMQ==' })).toMatchObject({
      host: '',
      port: '',
      hostPortId: 'ODUuMTMuMTM5LjE4JCQyMQ==',
    });
  });
  it('leaves clean or unreadable text alone', () => {
    expect(tidyHostField({ ...empty, host: '85.13.139.18', port: '21' })).toBeNull();
    expect(tidyHostField({ ...empty, host: 'fe80::1%eth0' })).toBeNull();
    expect(tidyHostField(empty)).toBeNull();
  });
});

describe('explainError', () => {
  it('says a missing licence is a likely cause of a licence-style 500, naming both licensing statements', () => {
    const hint = explainError({ kind: 'licence', message: 'Graph answered 500.' }).hint;
    expect(hint).toMatch(/licence for the threat intelligence API is a likely cause/);
    expect(hint).toMatch(/Microsoft Defender XDR or Microsoft Sentinel licence/);
    expect(hint).toMatch(/Defender Threat Intelligence licence plus the API add-on/);
  });
  it('suggests a licence only for the licence kind and access denied, not for other server errors or outages', () => {
    expect(explainError({ kind: 'server', message: 'x', status: 500 }).hint).not.toMatch(/licen[cs]e/);
    const outage = explainError({ kind: 'unavailable', message: 'Microsoft Graph is unavailable.' });
    expect(outage.title).toBe('Graph unavailable');
    expect(outage.hint).not.toMatch(/licen[cs]e/);
    expect(explainError({ kind: 'forbidden', message: 'Denied.', code: 'AADSTS65001' }).hint).toMatch(/Microsoft Defender XDR or Microsoft Sentinel/);
  });
  it("does not repeat the advice of main's message for a Graph answer (it carries a status), whatever its wording", () => {
    expect(explainError({ kind: 'forbidden', message: 'Denied.', status: 403, code: 'accessDenied' }).hint).toBeNull();
    expect(explainError({ kind: 'licence', message: 'x', status: 500, code: 'generalException' }).hint).toBeNull();
    expect(explainError({ kind: 'unavailable', message: 'x', status: 502 })).toEqual({ title: 'Graph unavailable', hint: null });
    expect(explainError({ kind: 'notFound', message: 'x', status: 404, code: 'itemNotFound' })).toEqual({ title: 'Never observed', hint: null });
  });
  it('a 410 says the item no longer exists, not "never observed"', () => {
    const e = explainError({ kind: 'notFound', message: 'Microsoft Graph says the item no longer exists (410).', status: 410 });
    expect(e.title).toBe('No longer exists');
    expect(e.hint).toBeNull();
  });
  it('says never observed for notFound, without repeating the main message', () => {
    expect(explainError({ kind: 'notFound', message: 'Not found.' }).hint).toMatch(/never observed/);
    expect(explainError({ kind: 'notFound', message: 'It was never observed.', status: 404 }).hint).toBeNull();
  });
  it('a network failure at the sign-in authority is not titled as Graph, and the hint is not repeated', () => {
    const e = explainError({ kind: 'network', message: 'Could not reach the sign-in authority https://127.0.0.1:9 (the connection was refused or dropped). Check the network connection and the cloud settings, then try again.', code: 'ECONNREFUSED', field: 'cloud' });
    expect(e.title).toBe('Cannot reach the sign-in authority');
    expect(e.hint).toBeNull();
    expect(explainError({ kind: 'network', message: 'Graph did not answer.' }).title).toBe('Cannot reach Graph');
    expect(explainError({ kind: 'network', message: 'Could not reach the sign-in authority.', code: 'ECONNREFUSED' }).title).toBe('Cannot reach Graph');
  });
  it("a DNS or unreachable-network failure has no hint (main's message says to check the network), unless it was the proxy", () => {
    expect(explainError({ kind: 'network', message: 'x', code: 'ENOTFOUND' }).hint).toBeNull();
    expect(explainError({ kind: 'network', message: 'x', code: 'ECONNREFUSED' }).hint).toMatch(/Check the network connection/);
    expect(explainError({ kind: 'network', message: 'x', code: 'ENOTFOUND', field: 'proxy' }).hint).toMatch(/proxy/);
  });
  it('a snapshot missing from the history is not reported as a Graph "never observed"', () => {
    const e = explainError({ kind: 'notFound', message: 'That snapshot is not in the history.', code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND });
    expect(e.title).toBe('Not in the history');
    expect(e.hint).toBeNull();
  });
});
