// What the shell knows: where the data comes from (app:info), who is signed in (auth:status),
// and which screen is showing.
import type { AppInfoView, AuthStatusView, LinkTarget, PortolanError } from '../../src-shared/contract';
import type { LookupState } from '../features/lookup/lookup-state.svelte';
import { call } from '../lib/api';
import { signInPromptFor } from './sign-in-prompt';

/** What the shell reads from the lookup to offer "Sign in again". */
export type WatchedLookup = Pick<LookupState, 'error' | 'startedAt'>;

const FIRST_RUN_KEY = 'portolan.firstRunDismissed';

export type Screen = 'lookup' | 'history' | 'bulk' | 'settings';
export const SCREENS: { id: Screen; label: string }[] = [
  { id: 'lookup', label: 'Lookup' },
  { id: 'history', label: 'History' },
  { id: 'bulk', label: 'Bulk' },
  { id: 'settings', label: 'Settings' },
];

export class AppState {
  #info = $state<AppInfoView | null>(null);
  #auth = $state<AuthStatusView | null>(null);
  #screen = $state<Screen>('lookup');
  #authError = $state<PortolanError | null>(null);
  #loadError = $state<PortolanError | null>(null);
  #signingIn = $state(false);
  #lastSignInAt = $state(0);
  #lookup = $state.raw<WatchedLookup | null>(null);
  #firstRunDismissed = $state(readFlag(FIRST_RUN_KEY));
  #linkRefusal = $state<string | null>(null);
  #signInPrompt = $derived(
    signInPromptFor({
      error: this.#lookup?.error ?? null,
      mode: this.#auth?.mode,
      lookupStartedAt: this.#lookup?.startedAt ?? 0,
      lastSignInAt: this.#lastSignInAt,
    }),
  );

  get info(): AppInfoView | null {
    return this.#info;
  }
  get auth(): AuthStatusView | null {
    return this.#auth;
  }
  get screen(): Screen {
    return this.#screen;
  }
  get authError(): PortolanError | null {
    return this.#authError;
  }
  get loadError(): PortolanError | null {
    return this.#loadError;
  }
  get isDemo(): boolean {
    return this.#info?.source === 'demo';
  }
  get signingIn(): boolean {
    return this.#signingIn || this.#auth?.signInInProgress === true;
  }
  get accountLabel(): string | null {
    const a = this.#auth;
    if (!a?.signedIn) return null;
    if (a.active) return a.active.name ? `${a.active.name} (${a.active.username})` : a.active.username;
    if (a.mode === 'token') return 'Preview token';
    return null;
  }

  /** The lookup error that calls for signing in again, or null. */
  get signInPrompt(): PortolanError | null {
    return this.#signInPrompt;
  }
  /** No client ID yet (not --demo): the first-run guide applies, unless dismissed. */
  get firstRun(): boolean {
    return this.#info?.source === 'demo' && this.#info.demoReason === 'notConfigured' && !this.#firstRunDismissed;
  }

  /** Why the last portolan:// link was not opened (main's words), or null. */
  get linkRefusal(): string | null {
    return this.#linkRefusal;
  }

  dismissLinkRefusal(): void {
    this.#linkRefusal = null;
  }

  /**
   * Takes the portolan:// links main is holding (validated there) and acts on the newest, the one the
   * analyst clicked last: switch to Lookup and look it up, or say why it was refused.
   */
  async openPendingLinks(lookUp: (target: LinkTarget) => Promise<void>): Promise<void> {
    const r = await call('app:pendingLinks', {});
    const newest = r.ok ? r.value.links.at(-1) : undefined;
    if (!newest) return;
    this.show('lookup');
    if (!newest.ok) {
      this.#linkRefusal = newest.message;
      return;
    }
    this.#linkRefusal = null;
    await lookUp(newest.target);
  }

  follow(lookup: WatchedLookup): void {
    this.#lookup = lookup;
  }

  dismissFirstRun(): void {
    this.#firstRunDismissed = true;
    writeFlag(FIRST_RUN_KEY);
  }

  /** Graph can be asked now: online, and signed in when sign-in is through MSAL. History's Refresh needs this. */
  get canLookUp(): boolean {
    const a = this.#auth;
    return this.#info?.online === true && !(a?.mode === 'msal' && !a.signedIn);
  }

  show(screen: Screen): void {
    this.#screen = screen;
    this.#navigated = true;
  }

  async load(): Promise<void> {
    const first = !this.#loadedOnce;
    this.#loadedOnce = true;
    const [info, auth] = await Promise.all([call('app:info', {}), call('auth:status', {})]);
    if (info.ok) this.#info = info.value;
    else this.#loadError = info.error;
    if (auth.ok) this.#auth = auth.value;
    this.#followPendingSignIn();
    if (first && info.ok) await this.#openOnHistoryWhenOffline();
  }

  /**
   * A sign-in this page did not start (e.g. begun before a reload) has no call waiting for its outcome:
   * ask main now and then until it is over, so the header does not stay on "Signing in…".
   */
  #followPendingSignIn(): void {
    if (this.#signingIn || !this.#auth?.signInInProgress) return;
    setTimeout(async () => {
      if (this.#signingIn) return;
      const r = await call('auth:status', {});
      if (!r.ok) return;
      this.#auth = r.value;
      this.#followPendingSignIn();
    }, 2000);
  }

  #loadedOnce = false;
  #navigated = false;

  /** With no network or no sign-in, the useful thing is what was saved: open there, unless the user already moved. */
  async #openOnHistoryWhenOffline(): Promise<void> {
    if (this.canLookUp) return;
    const saved = await call('history:list', { limit: 1 });
    if (saved.ok && saved.value.total > 0 && !this.#navigated) this.#screen = 'history';
  }

  /** Resolves true when the sign-in completed. */
  async signIn(): Promise<boolean> {
    this.#authError = null;
    this.#signingIn = true;
    try {
      const r = await call('auth:signIn', {});
      if (r.ok) {
        this.#auth = r.value;
        this.#lastSignInAt = Date.now();
      } else if (r.error.kind !== 'cancelled') this.#authError = r.error;
      return r.ok;
    } finally {
      this.#signingIn = false;
    }
  }

  async cancelSignIn(): Promise<void> {
    await call('auth:cancelSignIn', {});
    // Without a signIn() call of ours waiting (a sign-in begun before a reload), nothing else updates the header.
    if (!this.#signingIn) {
      const r = await call('auth:status', {});
      if (r.ok) this.#auth = r.value;
    }
  }

  async signOut(homeAccountId: string): Promise<void> {
    this.#authError = null;
    const r = await call('auth:signOut', { homeAccountId });
    if (r.ok) this.#auth = r.value;
    else this.#authError = r.error;
  }

  async switchAccount(homeAccountId: string): Promise<void> {
    this.#authError = null;
    const r = await call('auth:switchAccount', { homeAccountId });
    if (r.ok) {
      this.#auth = r.value;
      this.#lastSignInAt = Date.now();
    } else this.#authError = r.error;
  }

  dismissAuthError(): void {
    this.#authError = null;
  }
}

// The first-run guide stays dismissed across restarts; storage may be unavailable, which only means it shows again.
function readFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === '1';
  } catch {
    return false;
  }
}

function writeFlag(key: string): void {
  try {
    globalThis.localStorage?.setItem(key, '1');
  } catch {
    // Not persisted: fine.
  }
}
