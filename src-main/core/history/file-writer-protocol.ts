// Messages between the store's thread and the import's file writer (file-writer.ts, file-writer-worker.ts).

export interface WriteItem {
  tmp: string;
  path: string;
  /** The file's bytes, transferred (not copied), so the store's heap holds no file text while it waits. */
  data: Uint8Array;
}

export interface WriteBatch {
  id: number;
  items: WriteItem[];
}

export type FromWriter =
  /** Its module is loaded and listening: nothing sent before this was lost to a failed start. */
  | { t: 'ready' }
  /** Batch `id` is done; the items listed failed (and left no temp file), the rest are in place. */
  | { t: 'done'; id: number; failures: { index: number; message: string; code: string | null }[] };
