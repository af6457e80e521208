// The analyst's side of a proxy's request for credentials: pull the oldest waiting request from main, answer
// it (user name and password, or cancel), then pull the next. Main holds the requests and calls Chromium's
// callback; the page only ever holds the one being asked about. The password passes through submit() to main
// and is kept nowhere here.
import type { PortolanApi, PortolanError, ProxyChallengeView } from '../../src-shared/contract';

export interface ProxyLoginSnapshot {
  challenge: ProxyChallengeView | null;
  busy: boolean;
  error: PortolanError | null;
}

export const EMPTY_USERNAME: PortolanError = { kind: 'invalidInput', message: 'Enter the user name the proxy expects.', field: 'username' };

export class ProxyLoginFlow {
  #snapshot: ProxyLoginSnapshot = { challenge: null, busy: false, error: null };

  constructor(
    private readonly invoke: PortolanApi['invoke'],
    private readonly onChange: (snapshot: ProxyLoginSnapshot) => void,
  ) {}

  get snapshot(): ProxyLoginSnapshot {
    return this.#snapshot;
  }

  /** Asks main for the oldest waiting request (none in the web preview). */
  async refresh(): Promise<void> {
    const r = await this.invoke('proxyLogin:pending', {});
    this.#set(r.ok ? { challenge: r.value.challenge, busy: false, error: null } : { ...this.#snapshot, busy: false, error: r.error });
  }

  submit(username: string, password: string): Promise<void> {
    if (username.trim() === '') {
      this.#set({ ...this.#snapshot, error: EMPTY_USERNAME });
      return Promise.resolve();
    }
    return this.#answer((id) => ({ id, username, password }));
  }

  cancel(): Promise<void> {
    return this.#answer((id) => ({ id, cancel: true as const }));
  }

  async #answer(build: (id: string) => { id: string; username: string; password: string } | { id: string; cancel: true }): Promise<void> {
    const challenge = this.#snapshot.challenge;
    if (!challenge || this.#snapshot.busy) return;
    this.#set({ ...this.#snapshot, busy: true, error: null });
    const r = await this.invoke('proxyLogin:answer', build(challenge.id));
    if (!r.ok) {
      this.#set({ ...this.#snapshot, busy: false, error: r.error });
      return;
    }
    // Answered, or already timed out in main: either way this request is over; show the next one, if any.
    await this.refresh();
  }

  #set(next: ProxyLoginSnapshot): void {
    this.#snapshot = next;
    this.onChange(next);
  }
}
