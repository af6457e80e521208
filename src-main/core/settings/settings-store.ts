// Settings for SettingsView: one small JSON file in the user-data folder. Small enough to read once and
// rewrite whole on every change; written atomically so a crash never leaves half a file. A file that
// cannot be read is renamed aside (kept for the user, never deleted) and defaults are used.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import type { SettingKey, SettingsView } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import { moveAside, writeFileAtomicSync } from '../fs/atomic-file';
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
  /** Validates and saves; throws PortolanFailure('invalidInput') naming the problem. Returns the effective view. */
  update(patch: Partial<SettingsView>): SettingsView;
  /** The effective view the patch would produce, validated exactly as update does, without saving anything. */
  preview(patch: Partial<SettingsView>): SettingsView;
  /** Fields whose effective value comes from an override, so the settings view can say so. */
  overridden(): SettingKey[];
  /** Shown once to the user, e.g. "your settings file could not be read and was kept as …". */
  readonly notices: readonly string[];
  readonly file: string;
}

const KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

export function createSettingsStore(dir: string, opts: { overrides?: SettingsOverrides } = {}): SettingsStore {
  const file = path.join(dir, SETTINGS_FILE);
  const notices: string[] = [];
  let stored = load(file, notices);
  const overlay = overridesToPatch(opts.overrides ?? {});

  const effective = (): SettingsView => ({ ...stored, ...overlay });

  return {
    file,
    notices,
    get: () => effective(),
    overridden: () => Object.keys(overlay) as SettingKey[],
    preview: (patch) => ({ ...apply(stored, patch), ...overlay }),
    update(patch) {
      const next = apply(stored, patch);
      try {
        writeFileAtomicSync(file, `${JSON.stringify({ version: FORMAT_VERSION, settings: next }, null, 2)}\n`, { mode: 0o600 });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
        throw fail('storage', `Could not save the settings in ${dir} (${code}).`, { code });
      }
      stored = next;
      return effective();
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

function load(file: string, notices: string[]): SettingsView {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
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

function discard(file: string, notices: string[], why: string, use: SettingsView): SettingsView {
  try {
    const kept = moveAside(file);
    notices.push(`Your settings file could not be used (${why}). It was kept as ${path.basename(kept)} and defaults are in use where needed.`);
  } catch {
    notices.push(`Your settings file could not be used (${why}), and it could not be moved aside; defaults are in use where needed.`);
  }
  return use;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
