// The KvStoreFactory for plain Node (tests, benchmark, web preview): conf, the library electron-store is built
// on, with the same file format. electron-store names the file with `name`; conf calls it `configName`.
import Conf from 'conf';
import type { KvStore, KvStoreFactory } from '../ports';

export const confKvFactory: KvStoreFactory = (options) =>
  new Conf<Record<string, unknown>>({
    configName: options.name,
    cwd: options.cwd,
    projectName: 'portolan',
    clearInvalidConfig: options.clearInvalidConfig ?? false,
    // History and settings name the hosts an analyst investigates: readable by the user only.
    configFileMode: 0o600,
  }) as unknown as KvStore;
