import { describe, expect, it } from 'vitest';
import { CLOUDS, resolveCloud, threatIntelScope } from '../../../src-main/core/graph/clouds';
import { errorOf } from './failure-helpers';

const base = { customAuthority: null, customGraphRoot: null };

describe('clouds', () => {
  it('knows the four national clouds with their own scopes', () => {
    expect(resolveCloud({ ...base, cloud: 'global' })).toMatchObject({
      graphRoot: 'https://graph.microsoft.com',
      authorityHost: 'login.microsoftonline.com',
      scope: 'https://graph.microsoft.com/ThreatIntelligence.Read.All',
    });
    expect(resolveCloud({ ...base, cloud: 'usGovL4' }).scope).toBe('https://graph.microsoft.us/ThreatIntelligence.Read.All');
    expect(resolveCloud({ ...base, cloud: 'usGovL5' }).graphRoot).toBe('https://dod-graph.microsoft.us');
    expect(resolveCloud({ ...base, cloud: 'usGovL5' }).authorityHost).toBe('login.microsoftonline.us');
    expect(resolveCloud({ ...base, cloud: 'china' })).toMatchObject({
      graphRoot: 'https://microsoftgraph.chinacloudapi.cn',
      authorityHost: 'login.chinacloudapi.cn',
    });
    expect(Object.keys(CLOUDS)).toEqual(['global', 'usGovL4', 'usGovL5', 'china']);
  });

  it('accepts a custom https root and loopback http, trimming slashes', () => {
    expect(resolveCloud({ cloud: 'custom', customGraphRoot: 'https://graph.example.com/', customAuthority: 'https://login.example.com' })).toMatchObject({
      id: 'custom',
      graphRoot: 'https://graph.example.com',
      authorityHost: 'login.example.com',
      scope: 'https://graph.example.com/ThreatIntelligence.Read.All',
    });
    expect(resolveCloud({ ...base, cloud: 'custom', customGraphRoot: 'http://127.0.0.1:4000' }).graphRoot).toBe('http://127.0.0.1:4000');
    expect(resolveCloud({ ...base, cloud: 'custom', customGraphRoot: 'http://localhost:4000/graph/' }).graphRoot).toBe('http://localhost:4000/graph');
    expect(resolveCloud({ ...base, cloud: 'custom', customGraphRoot: 'http://[::1]:4000' }).graphRoot).toBe('http://[::1]:4000');
  });

  it('refuses plain http off loopback, non-URLs, and http authorities', () => {
    expect(errorOf(() => resolveCloud({ ...base, cloud: 'custom', customGraphRoot: 'http://graph.example.com' })).message).toMatch(/must use https/);
    expect(errorOf(() => resolveCloud({ ...base, cloud: 'custom', customGraphRoot: 'ftp://127.0.0.1' })).message).toMatch(/must use https/);
    expect(errorOf(() => resolveCloud({ ...base, cloud: 'custom', customGraphRoot: 'not a url' })).message).toMatch(/not a valid URL/);
    expect(errorOf(() => resolveCloud({ ...base, cloud: 'custom' })).kind).toBe('notConfigured');
    expect(
      errorOf(() => resolveCloud({ cloud: 'custom', customGraphRoot: 'https://g.example', customAuthority: 'http://127.0.0.1:5000' })).message,
    ).toMatch(/sign-in authority must use https/);
  });

  it('builds scopes from the root', () => {
    expect(threatIntelScope('https://graph.microsoft.us/')).toBe('https://graph.microsoft.us/ThreatIntelligence.Read.All');
  });
});
