// ProxyLoginFlow as reactive state for the dialog.
import type { PortolanError, ProxyChallengeView } from '../../src-shared/contract';
import { api } from '../lib/api';
import { ProxyLoginFlow, type ProxyLoginSnapshot } from './proxy-login';

export class ProxyLoginState {
  #snapshot = $state.raw<ProxyLoginSnapshot>({ challenge: null, busy: false, error: null });
  readonly #flow = new ProxyLoginFlow(
    (channel, request) => api.invoke(channel, request),
    (snapshot) => (this.#snapshot = snapshot),
  );

  get challenge(): ProxyChallengeView | null {
    return this.#snapshot.challenge;
  }
  get busy(): boolean {
    return this.#snapshot.busy;
  }
  get error(): PortolanError | null {
    return this.#snapshot.error;
  }
  refresh(): Promise<void> {
    return this.#flow.refresh();
  }
  submit(username: string, password: string): Promise<void> {
    return this.#flow.submit(username, password);
  }
  cancel(): Promise<void> {
    return this.#flow.cancel();
  }
}
