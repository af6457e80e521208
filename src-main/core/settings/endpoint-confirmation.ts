// A settings change that moves where tokens go (the cloud, the custom sign-in authority, the custom Graph
// root) is confirmed by the user in main before it is saved, so a compromised renderer cannot quietly
// point sign-in and Graph calls, bearer token included, at a server of its choosing through settings:set.
// The question goes through an injected port: a native modal dialog in the Electron shell, an automatic
// yes in the web preview (whose endpoints come from its own command line).
import type { SettingsView } from '../../../src-shared/views';
import { fail } from '../failure';
import type { SettingsStore } from './settings-store';

/** What the user is asked about: where the token will be sent once the change is saved. */
export interface EndpointChange {
  /** Sign-in authority base URL (its host receives the sign-in and refresh tokens), or null when none. */
  authority: string | null;
  /** Graph service root that receives the bearer token with every lookup. */
  graphRoot: string;
  /** Cloud id: global, usGovL4, usGovL5, china or custom. */
  cloud: string;
}

/** Asks the user whether these endpoints may receive the token; true = go ahead. */
export type ConfirmEndpoints = (change: EndpointChange) => Promise<boolean>;

export interface ConfirmedSettings {
  get(): SettingsView;
  update(patch: Partial<SettingsView>): Promise<SettingsView>;
  overridden(): ReturnType<SettingsStore['overridden']>;
  readonly notices: readonly string[];
}

export function withEndpointConfirmation(
  store: SettingsStore,
  opts: {
    /** The endpoints in force for a settings view (preview flags included). */
    endpoints(view: SettingsView): EndpointChange;
    confirm: ConfirmEndpoints;
  },
): ConfirmedSettings {
  // One change at a time: a second change must not slip in between a question and its answer.
  let queue: Promise<unknown> = Promise.resolve();

  const current = (): EndpointChange | null => {
    try {
      return opts.endpoints(store.get());
    } catch {
      return null; // the saved cloud does not resolve: any new one is a change
    }
  };

  async function update(patch: Partial<SettingsView>): Promise<SettingsView> {
    const before = current();
    // Validates the whole change first, so the user is never asked about settings that cannot be saved.
    const after = opts.endpoints(store.preview(patch));
    if (!sameEndpoints(before, after)) {
      const yes = await opts.confirm({ ...after });
      if (!yes) {
        throw fail(
          'cancelled',
          'The new sign-in and Graph endpoints were not confirmed, so nothing was saved. Portolan asks before sending your token to a different address.',
        );
      }
    }
    return store.update(patch);
  }

  return {
    get: () => store.get(),
    overridden: () => store.overridden(),
    get notices() {
      return store.notices;
    },
    update(patch) {
      const run = queue.then(() => update(patch));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

function sameEndpoints(a: EndpointChange | null, b: EndpointChange): boolean {
  return a !== null && a.authority === b.authority && a.graphRoot === b.graphRoot;
}
