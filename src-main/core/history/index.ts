// The saved-history store. See layout.ts for the files it keeps, open.ts and compaction.ts for how they stay consistent.
export { createHistoryStore } from './store';
export { confKvFactory } from './conf-kv';
export { SCHEMA_VERSION } from './layout';
export { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from './export-format';
export { EXPORT_MIME, exportFilenameFor, type ExportFormat, type ExportOutcome } from './export-stream';
export type { ImportOptions, ImportSource } from './import-stream';
export type { V1File, V1Snapshot } from './v1-format';
export type {
  DeleteInput,
  HistoryMetaInput,
  HistoryScheduler,
  HistoryStore,
  HistoryStoreOptions,
  LatestRef,
  RetentionPolicy,
  SnapshotInput,
} from './types';
