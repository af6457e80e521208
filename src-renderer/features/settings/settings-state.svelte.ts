// Placeholder state for the Settings screen; the sign-in feature replaces this file and SettingsScreen.svelte.
import type { PortolanError, SettingsView } from '../../../src-main/ipc/contract';
import { call } from '../../lib/api';

export class SettingsState {
  #settings = $state.raw<SettingsView | null>(null);
  #error = $state.raw<PortolanError | null>(null);

  get settings(): SettingsView | null {
    return this.#settings;
  }
  get error(): PortolanError | null {
    return this.#error;
  }

  async load(): Promise<void> {
    const r = await call('settings:get', {});
    if (r.ok) this.#settings = r.value;
    else this.#error = r.error;
  }
}
