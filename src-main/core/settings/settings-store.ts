// Settings for SettingsView: one small JSON file in the user-data folder. Read once at start and served
// from memory after that; rewritten whole on every change, atomically so a crash never leaves half a file,
// and one change at a time so two saves that race cannot lose either. A file that cannot be read is
// renamed aside (kept for the user, never deleted) and defaults are used. All disk access is async: this
// runs on Electron's main thread.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import type { SettingKey, SettingsView } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import { moveAsideAsync, writeFileAtomic } from '../fs/atomic-file';
import { DEFAULT_SETTINGS } from './defaults';
import { validateField, validateWhole } from './validate';

export const SETTINGS_FILE = 'settings.json';
const FORMAT_VERSION = 1;

/** Preview flags (--authority, --client-id, --tenant, --graph-base-url): applied on top, never saved. */
export interface SettingsOverrides {
  /** Custom sign-in authority base, e.g. https://127.0.0.1:4567; switches the cloud to 'custom'. */
  authority?: string;
  graphRoot?: string;
  clientId?: string;
  tenant?: string;
}

export interface SettingsStore {
  get(): SettingsView;
  /**
   * Validates and saves; rejects with PortolanFailure('invalidInput') naming the problem. Resolves to the
   * effective view. Changes apply in call order, each on top of the one before.
   */
  update(patch: Partial<SettingsView>): Promise<SettingsView>;
  /** The effective view the patch would produce, validated exactly as update does, without saving anything. */
  preview(patch: Partial<SettingsView>): SettingsView;
  /** Fields whose effective value comes from an override, so the settings view can say so. */
  overridden(): SettingKey[];
  /** Shown once to the user, e.g. "your settings file could not be read and was kept as …". */
  readonly notices: readonly string[];
  readonly file: string;
}

const KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

/** Reads the settings file once; rejects with invalidInput when an override is invalid. */
export async function createSettingsStore(dir: string, opts: { overrides?: SettingsOverrides } = {}): Promise<SettingsStore> {
  const file = path.join(dir, SETTINGS_FILE);
  const notices: string[] = [];
  let stored = await load(file, notices);
  const overlay = overridesToPatch(opts.overrides ?? {});
  let queue: Promise<unknown> = Promise.resolve();

  const effective = (): SettingsView => ({ ...stored, ...overlay });

  async function save(patch: Partial<SettingsView>): Promise<SettingsView> {
    const next = apply(stored, patch);
    try {
      await writeFileAtomic(file, `${JSON.stringify({ version: FORMAT_VERSION, settings: next }, null, 2)}\n`, { mode: 0o600 });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
      throw fail('storage', `Could not save the settings in ${dir} (${code}).`, { code });
    }
    stored = next;
    return effective();
  }

  return {
    file,
    notices,
    get: () => effective(),
    overridden: () => Object.keys(overlay) as SettingKey[],
    preview: (patch) => ({ ...apply(stored, patch), ...overlay }),
    update(patch) {
      // Each change starts from what the one before it saved, so racing saves cannot drop either.
      const run = queue.then(() => save(patch));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** The stored settings with the patch applied, every field and the whole validated; throws invalidInput. */
function apply(stored: SettingsView, patch: Partial<SettingsView>): SettingsView {
  if (patch === null || typeof patch !== 'object') throw fail('invalidInput', 'Settings must be an object.', { code: ERROR_CODES.SETTINGS_NOT_AN_OBJECT });
  const next: SettingsView = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (!(KEYS as string[]).includes(key)) throw fail('invalidInput', `Unknown setting "${key.slice(0, 60)}".`, { code: ERROR_CODES.SETTINGS_UNKNOWN_SETTING });
    const k = key as keyof SettingsView;
    (next as unknown as Record<string, unknown>)[k] = validateField(k, value);
  }
  validateWhole(next);
  return next;
}

function overridesToPatch(o: SettingsOverrides): Partial<SettingsView> {
  const patch: Partial<SettingsView> = {};
  // Overrides come from command-line flags: a bad one is a startup error, reported with the same messages.
  if (o.authority !== undefined) {
    patch.cloud = 'custom';
    patch.customAuthority = validateField('customAuthority', o.authority);
  }
  if (o.graphRoot !== undefined) patch.customGraphRoot = validateField('customGraphRoot', o.graphRoot);
  if (o.clientId !== undefined) patch.clientId = validateField('clientId', o.clientId);
  if (o.tenant !== undefined) patch.tenant = validateField('tenant', o.tenant);
  return patch;
}

async function load(file: string, notices: string[]): Promise<SettingsView> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
    notices.push(`Portolan could not read its settings file (${(err as NodeJS.ErrnoException).code ?? 'error'}); defaults are in use.`);
    return { ...DEFAULT_SETTINGS };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return discard(file, notices, 'it is not valid JSON', { ...DEFAULT_SETTINGS });
  }
  const body = isRecord(parsed) && isRecord(parsed.settings) ? parsed.settings : null;
  if (!body) return discard(file, notices, 'it does not have the expected shape', { ...DEFAULT_SETTINGS });

  // Keep every field that is still valid; one bad value should not cost the user the rest.
  const result: SettingsView = { ...DEFAULT_SETTINGS };
  const bad: string[] = [];
  for (const key of KEYS) {
    if (!(key in body)) continue;
    try {
      (result as unknown as Record<string, unknown>)[key] = validateField(key, body[key]);
    } catch (err) {
      if (!(err instanceof PortolanFailure)) throw err;
      bad.push(key);
    }
  }
  if (bad.length) return discard(file, notices, `these settings were invalid and were reset: ${bad.join(', ')}`, result);
  return result;
}

async function discard(file: string, notices: string[], why: string, use: SettingsView): Promise<SettingsView> {
  try {
    const kept = await moveAsideAsync(file);
    notices.push(`Your settings file could not be used (${why}). It was kept as ${path.basename(kept)} and defaults are in use where needed.`);
  } catch {
    notices.push(`Your settings file could not be used (${why}), and it could not be moved aside; defaults are in use where needed.`);
  }
  return use;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
