import type { SettingsView } from '../../../src-shared/views';

/** What a fresh install uses. clientId stays null until an admin's app registration is entered. */
export const DEFAULT_SETTINGS: Readonly<SettingsView> = Object.freeze({
  cloud: 'global',
  customAuthority: null,
  customGraphRoot: null,
  tenant: 'organizations',
  clientId: null,
  apiVersion: 'v1.0',
  saveHistory: true,
  retentionPerHostPort: null,
  retentionDays: null,
  allowWeakCacheEncryption: false,
  proxyMode: 'system',
  proxyUrl: null,
  theme: 'system',
});
