// KvStoreFactory backed by electron-store (as the user asked). electron-store 12 is built on conf 16, which the
// preview and tests use directly (core/history/conf-kv.ts): keep the two on matching majors so both write the
// same files. Both are ESM-only; the main bundle inlines them (electron.vite.config.mts), so this static import
// works from the CommonJS output.
// The history store decides file layout and corruption handling; this adapter only opens files.
import Store from 'electron-store';
import type { KvStore, KvStoreFactory } from '../core/ports';

export const kvStoreFactory: KvStoreFactory = (options) => {
  const store = new Store<Record<string, unknown>>({
    name: options.name,
    cwd: options.cwd,
    // Default false: a corrupt file must make the constructor throw so the core can move it aside,
    // instead of electron-store silently wiping it.
    clearInvalidConfig: options.clearInvalidConfig ?? false,
    // History and settings name the hosts an analyst investigates: readable by the user only.
    configFileMode: 0o600,
  });
  return store as unknown as KvStore;
};
