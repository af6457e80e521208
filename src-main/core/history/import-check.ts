// Checks an import file completely before anything is written, so a bad file changes nothing.
import { fail } from '../failure';
import { EXPORT_FORMAT, EXPORT_VERSION, exportFileSchema, type ExportFile } from './export-format';

export function parseImport(content: string): ExportFile {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\ufeff/, ''));
  } catch {
    throw fail('invalidInput', 'This file is not a Portolan history export: it is not valid JSON. Nothing was imported.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw fail('invalidInput', `This file is not a Portolan history export (expected "format": "${EXPORT_FORMAT}"). Nothing was imported.`);
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    throw fail(
      'invalidInput',
      `This export was made by a newer Portolan (format version ${version}); this version reads up to ${EXPORT_VERSION}. Update Portolan to import it. Nothing was imported.`,
    );
  }
  const parsed = exportFileSchema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'file'}: ${i.message}`)
      .join('; ');
    throw fail('invalidInput', `This history export is damaged or incomplete (${where}). Nothing was imported.`);
  }
  const file = data as ExportFile;
  file.hostPorts.forEach((entry, i) => {
    entry.snapshots.forEach((s, j) => {
      if (s.hostPortId !== entry.meta.hostPortId) {
        throw fail('invalidInput', `This history export is inconsistent (hostPorts[${i}].snapshots[${j}] belongs to another host port). Nothing was imported.`);
      }
    });
  });
  return file;
}
