import type { AuthStatusView, HostPortView, SettingsView, SnapshotView } from '../../../src-shared/views';
import type { SnapshotInput } from '../../../src-main/core/history/types';
import type { AuthPort, HistoryPort, LookupInput, SettingsPort, SourcePort } from '../../../src-main/core/service/ports';
import { fail } from '../../../src-main/core/failure';

export function hostPortView(id = 'hp-1'): HostPortView {
  const stamp = { raw: '2023-08-09T23:18:21.00Z', ms: Date.UTC(2023, 7, 9, 23, 18, 21) };
  return {
    id, port: 21, protocol: 'tcp', status: 'open', firstSeen: stamp, lastSeen: stamp, lastScan: stamp, timesObserved: 3,
    banners: [], services: [], certificate: null, host: { id: '85.13.139.18', odataType: null, firstSeen: stamp, lastSeen: stamp, details: {} },
    extra: {}, warnings: [],
  };
}

export function fakeSettings(initial: Partial<SettingsView> = {}): SettingsPort {
  let value: SettingsView = {
    cloud: 'global', customAuthority: null, customGraphRoot: null, tenant: 'organizations', clientId: null, apiVersion: 'v1.0',
    saveHistory: true, retentionPerHostPort: null, retentionDays: null, allowWeakCacheEncryption: false,
    proxyMode: 'system', proxyUrl: null, theme: 'system', ...initial,
  };
  return { get: () => value, update: (p) => (value = { ...value, ...p }), notices: [] };
}

export function fakeSource(lookup: (input: LookupInput, signal?: AbortSignal) => Promise<unknown>): SourcePort {
  return { kind: 'token', graphRoot: 'http://127.0.0.1:1', graph: { lookup: lookup as SourcePort['graph']['lookup'] } };
}

export function fakeHistory(): HistoryPort & { saved: SnapshotInput[] } {
  const saved: SnapshotInput[] = [];
  const unsupported = () => {
    throw fail('internal', 'not in this fake');
  };
  return {
    saved,
    notices: [],
    save: async (s) => {
      saved.push(s);
      return { id: `snap-${saved.length}`, hostPortId: s.hostPortId, savedAt: s.savedAt ?? '', status: s.hostPort.status, bannerCount: 0, serviceCount: 0 };
    },
    latestFor: async (ref) => {
      const hit = saved.findLast((s) => ('hostPortId' in ref ? s.hostPortId === ref.hostPortId : s.host === ref.host && s.port === ref.port));
      return hit ? ({ id: `snap-${saved.indexOf(hit) + 1}`, savedAt: hit.savedAt ?? '' } as SnapshotView) : null;
    },
    list: unsupported, snapshots: unsupported, get: unsupported, setMeta: unsupported, delete: unsupported, undo: unsupported,
    clear: unsupported, compare: unsupported,
  };
}

export const signedOut: AuthStatusView = {
  mode: 'token', configured: true, signedIn: true, active: null, accounts: [], signInInProgress: false, cacheWarning: null,
};

export function fakeAuth(): AuthPort {
  return {
    status: async () => signedOut,
    signIn: async () => signedOut,
    cancelSignIn: () => false,
    signOut: async () => signedOut,
    switchAccount: async () => signedOut,
  };
}
