// Export to and import from files, owned by main: the app asks where through its native dialogs, the web preview
// streams an HTTP download or upload. Either way the file is written or read here, one record at a time, and
// nothing but a short report crosses to the renderer.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { HistorySelection } from '../../../src-shared/contract';
import type { ExportFileView, ImportProgressView, ImportReportView } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import { exportFilenameFor, type ExportFormat, type ExportOutcome, type ImportOptions, type ImportSource } from '../history';
import type { Clock } from '../ports';

/** The host's file choosers (the app's native dialogs); null when the analyst cancelled. */
export interface FileDialogs {
  chooseExportPath(defaultName: string, format: ExportFormat): Promise<string | null>;
  chooseImportPath(): Promise<string | null>;
}

export interface HistoryTransferPort {
  exportTo(out: Writable, format: ExportFormat, hostPortIds?: string[]): Promise<ExportOutcome>;
  importFrom(open: ImportSource, options?: ImportOptions): Promise<ImportReportView>;
  /** Every host port id a search and filters show (the History list's own query, all pages). */
  matchingIds?(selection: HistorySelection): Promise<string[]>;
}

export class HistoryFiles {
  #progress: ImportProgressView = { active: false, bytesRead: 0, totalBytes: null };

  constructor(
    private readonly history: HistoryTransferPort,
    private readonly clock: Clock,
    private readonly dialogs?: FileDialogs,
  ) {}

  filename(format: ExportFormat): string {
    return exportFilenameFor(this.clock.now(), format);
  }

  /** How far the running import has read; the History screen polls it for its progress bar. */
  progress(): ImportProgressView {
    return { ...this.#progress };
  }

  /** Streams an export into `out` (an HTTP response in the preview); the caller ends it. */
  exportTo(out: Writable, format: ExportFormat, hostPortIds?: string[]): Promise<ExportOutcome> {
    return this.history.exportTo(out, format, hostPortIds);
  }

  /** Streams an export of what the History list shows for `selection` (its search, filters and order). */
  async exportSelectionTo(out: Writable, format: ExportFormat, selection: HistorySelection): Promise<ExportOutcome> {
    if (!this.history.matchingIds) throw fail('notConfigured', 'This history cannot export a search; export it all instead.');
    return this.history.exportTo(out, format, await this.history.matchingIds(selection));
  }

  /** Save dialog, then the export written beside the chosen path and renamed over it once complete. */
  async exportToFile(format: ExportFormat, hostPortIds?: string[]): Promise<ExportFileView> {
    if (!this.dialogs) throw fail('notConfigured', 'This host has no save dialog; the export is offered as a download instead.');
    const path = await this.dialogs.chooseExportPath(this.filename(format), format);
    if (!path) return { saved: false, snapshots: 0 };
    const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
    // Owner-only: the export names every host the analyst looked up.
    const out = createWriteStream(partial, { mode: 0o600, flags: 'wx' });
    try {
      // The file is opened before anything can fail, so a failure cannot create it after it was removed below.
      await once(out, 'ready');
      const outcome = await this.history.exportTo(out, format, hostPortIds);
      out.end();
      await once(out, 'close');
      await fsp.rename(partial, path);
      return { saved: true, snapshots: outcome.snapshots };
    } catch (err) {
      if (!out.closed) {
        out.destroy();
        await once(out, 'close');
      }
      await fsp.rm(partial, { force: true });
      throw err instanceof PortolanFailure ? err : fail('storage', `Could not write the export: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Open dialog, then the chosen file read as a stream. */
  async importFromFile(options: { allOrNothing: boolean }): Promise<ImportReportView & { cancelled?: boolean }> {
    if (!this.dialogs) throw fail('notConfigured', 'This host has no open dialog; the file is uploaded instead.');
    const path = await this.dialogs.chooseImportPath();
    if (!path) return { added: 0, skipped: 0, cancelled: true };
    let size: number;
    try {
      size = (await fsp.stat(path)).size;
    } catch (err) {
      throw fail('invalidInput', `Could not read the chosen file: ${err instanceof Error ? err.message : String(err)}. Nothing was imported.`);
    }
    return this.importStream(() => createReadStream(path), size, options);
  }

  /**
   * One import at a time, with its progress kept for polling. `open` is called again for the second pass of an
   * all-or-nothing import, so both passes count towards the progress.
   */
  async importStream(open: () => Readable | AsyncIterable<Buffer | string>, totalBytes: number | null, options: { allOrNothing: boolean }): Promise<ImportReportView> {
    if (this.#progress.active) throw fail('invalidInput', 'An import is already running; wait for it to finish.');
    const passes = options.allOrNothing ? 2 : 1;
    this.#progress = { active: true, bytesRead: 0, totalBytes: totalBytes === null ? null : totalBytes * passes };
    try {
      return await this.history.importFrom(open, {
        allOrNothing: options.allOrNothing,
        onBytes: (n) => {
          this.#progress.bytesRead += n;
        },
      });
    } finally {
      this.#progress = { active: false, bytesRead: 0, totalBytes: null };
    }
  }
}
