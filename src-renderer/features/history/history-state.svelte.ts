// Placeholder state for the History screen; the history feature replaces this file and HistoryScreen.svelte.
import type { HistoryPageView, PortolanError } from '../../../src-main/ipc/contract';
import { call } from '../../lib/api';

export class HistoryState {
  #page = $state.raw<HistoryPageView | null>(null);
  #error = $state.raw<PortolanError | null>(null);
  #loading = $state(false);

  get page(): HistoryPageView | null {
    return this.#page;
  }
  get error(): PortolanError | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async load(): Promise<void> {
    this.#loading = true;
    const r = await call('history:list', { limit: 50 });
    this.#loading = false;
    if (r.ok) {
      this.#page = r.value;
      this.#error = null;
    } else this.#error = r.error;
  }
}
