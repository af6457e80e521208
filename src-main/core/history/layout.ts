// Where each piece of the history lives under the store folder, and the schema version of that layout.
//
//   history-index.json       conf store: every snapshot's small index record (compacted), generation G
//   history-journal.ndjson   append-only index records since the last compaction (one fsync per save)
//   history-search.json      conf store: lower-cased search text per snapshot, loaded after the first page
//   history-meta.json        conf store: notes, tags and pins per hostPort
//   snapshots/<bucket>/<id>.json  one conf store per snapshot, the full snapshot; never rewritten
//   trash/                   deleted snapshots kept while their undo is possible (emptied at the next open)
//   history.json             schema v1 (one array in one store), migrated on open and then renamed aside
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const SCHEMA_VERSION = 2;

export const INDEX_NAME = 'history-index';
export const SEARCH_NAME = 'history-search';
export const META_NAME = 'history-meta';
export const V1_NAME = 'history';
export const JOURNAL_FILE = 'history-journal.ndjson';
export const SNAPSHOT_DIR = 'snapshots';
export const TRASH_DIR = 'trash';

/** Snapshot ids double as file names, so they are limited to a filename-safe alphabet. */
export const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Snapshot files are spread over at most 256 folders by a hash of their hostPort id (which can hold any
 * character, so it cannot name a folder itself). A folder per hostPort would make a quarter of all saves create
 * and fsync a new directory; fixed buckets make that a one-off, and keep each folder small at 50,000 snapshots.
 */
export function bucketOf(hostPortId: string): string {
  return createHash('sha1').update(hostPortId).digest('hex').slice(0, 2);
}

export function hostPortDir(root: string, hostPortId: string): string {
  return join(root, SNAPSHOT_DIR, bucketOf(hostPortId));
}
