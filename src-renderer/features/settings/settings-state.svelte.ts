// The settings screen's state: what main last returned, the draft being edited, and the outcome of a save.
import type { PortolanError, SettingKey, SettingsView } from '../../../src-shared/contract';
import { call } from '../../lib/api';
import { buildPatch, draftFrom, fieldOfError, overrideFlag, type FieldProblems, type SettingsDraft } from './settings-form';

export class SettingsState {
  #saved = $state.raw<SettingsView | null>(null);
  /** Bound to the inputs; a deep $state proxy, so `bind:value={state.draft.tenant}` works. Null until loaded. */
  draft = $state<SettingsDraft | null>(null);
  #loadError = $state.raw<PortolanError | null>(null);
  #problems = $state.raw<FieldProblems>({});
  #formError = $state.raw<PortolanError | null>(null);
  #saving = $state(false);
  #savedNotice = $state<string | null>(null);

  #pending = $derived(this.draft && this.#saved ? buildPatch(this.draft, this.#saved, this.locked) : null);

  get saved(): SettingsView | null {
    return this.#saved;
  }
  get loadError(): PortolanError | null {
    return this.#loadError;
  }
  get problems(): FieldProblems {
    return this.#problems;
  }
  get formError(): PortolanError | null {
    return this.#formError;
  }
  get saving(): boolean {
    return this.#saving;
  }
  get savedNotice(): string | null {
    return this.#savedNotice;
  }
  /** Fields a preview flag fixes for this run. */
  get locked(): readonly SettingKey[] {
    return this.#saved?.overridden ?? [];
  }
  get dirty(): boolean {
    const p = this.#pending;
    return p !== null && (Object.keys(p.patch).length > 0 || Object.keys(p.problems).length > 0);
  }

  isLocked(key: SettingKey): boolean {
    return this.locked.includes(key);
  }
  /** The preview flag that fixes this field, or null. */
  lockedBy(key: SettingKey): string | null {
    return this.isLocked(key) ? overrideFlag(key) : null;
  }

  async load(): Promise<void> {
    const r = await call('settings:get', {});
    if (r.ok) this.#adopt(r.value);
    else this.#loadError = r.error;
  }

  /** Sends the changed fields. Returns true when main saved them. */
  async save(): Promise<boolean> {
    if (!this.#pending || this.#saving) return false;
    const { patch, problems } = this.#pending;
    this.#savedNotice = null;
    this.#formError = null;
    this.#problems = problems;
    if (Object.keys(problems).length) return false;
    if (Object.keys(patch).length === 0) {
      this.#savedNotice = 'Nothing to save: the settings are unchanged.';
      return false;
    }
    this.#saving = true;
    try {
      const r = await call('settings:set', patch);
      if (r.ok) {
        this.#adopt(r.value);
        this.#savedNotice = 'Settings saved.';
        return true;
      }
      const field = fieldOfError(r.error);
      if (field) this.#problems = { [field]: r.error.message };
      else this.#formError = r.error;
      return false;
    } finally {
      this.#saving = false;
    }
  }

  /** Puts the draft back to what main has. */
  revert(): void {
    if (this.#saved) this.#adopt(this.#saved);
  }

  #adopt(view: SettingsView): void {
    this.#saved = view;
    this.draft = draftFrom(view);
    this.#problems = {};
    this.#formError = null;
  }
}
