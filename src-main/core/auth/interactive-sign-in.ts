// One interactive sign-in: msal-node's acquireTokenInteractive with a way to stop it.
//
// How the loopback works in msal-node 7: acquireTokenInteractive starts its own LoopbackClient, an
// http server bound to 127.0.0.1 on a free port, and names it to the authority as redirect_uri
// http://localhost:PORT (what an app registration with redirect URI "http://localhost" accepts for any
// port). The authority's /authorize page POSTs code, state and client_info there (response_mode=form_post);
// MSAL checks the state, redeems the code with its PKCE verifier, and closes the server.
//
// msal-node 7 offers no custom loopback client and no cancellation: its server waits until something posts
// a response with the expected state. So to cancel (or time out) we do exactly that: post an OAuth error
// response with the real state to our own loopback. MSAL then rejects, closes the server in its `finally`,
// and the port is free again. The state and redirect URI come from the sign-in URL MSAL asked us to open.
import * as http from 'node:http';
import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { fail, PortolanFailure } from '../failure';

/** The OAuth error we post to our own loopback to stop it; never comes from a real authority. */
export const STOP_ERROR = 'portolan_sign_in_stopped';

export interface InteractiveSignInOptions {
  pca: PublicClientApplication;
  scopes: string[];
  /** Only URLs this accepts are handed to the browser (the authority's origin, or a Microsoft login host). */
  browserMayOpen: (url: URL) => boolean;
  openBrowser: (url: string) => Promise<void>;
  timeoutMs: number;
  successHtml: string;
  errorHtml: string;
  log: (line: string) => void;
}

export interface InteractiveSignIn {
  /** Resolves with MSAL's result, or rejects with MSAL's error or a PortolanFailure (cancelled, timeout). */
  readonly result: Promise<AuthenticationResult>;
  cancel(): void;
}

export function startInteractiveSignIn(opts: InteractiveSignInOptions): InteractiveSignIn {
  let signInUrl: URL | null = null;
  let stopped = false;
  let settled = false;
  let rejectStop: (failure: PortolanFailure) => void = () => undefined;
  const stopSignal = new Promise<never>((_, reject) => {
    rejectStop = reject;
  });
  stopSignal.catch(() => undefined); // a stop after completion must not become an unhandled rejection

  const stop = (failure: PortolanFailure): void => {
    if (stopped || settled) return;
    stopped = true;
    opts.log(`sign-in stopped: ${failure.error.kind}`);
    rejectStop(failure);
    void releaseLoopback(signInUrl, opts.log);
  };

  const openBrowser = async (url: string): Promise<void> => {
    const parsed = new URL(url);
    if (!opts.browserMayOpen(parsed)) {
      // MSAL builds this URL from the authority metadata; anything else means a misconfiguration.
      const failure = fail('internal', 'Portolan refused to open a sign-in page that is not on the configured authority.', {
        code: 'PORTOLAN_REFUSED',
      });
      stop(failure);
      throw failure;
    }
    signInUrl = parsed;
    if (stopped) {
      // Cancelled before MSAL got this far: the loopback is listening now, so release it.
      void releaseLoopback(parsed, opts.log);
      return;
    }
    try {
      await opts.openBrowser(url);
    } catch {
      stop(fail('internal', 'Portolan could not open your browser for sign-in.', { code: 'BROWSER_OPEN_FAILED' }));
    }
  };

  const msal = opts.pca.acquireTokenInteractive({
    scopes: opts.scopes,
    openBrowser,
    successTemplate: opts.successHtml,
    errorTemplate: opts.errorHtml,
    // Lets the user pick or add an account instead of silently reusing the browser's current one.
    prompt: 'select_account',
  });
  const minutes = Math.max(1, Math.round(opts.timeoutMs / 60_000));
  const timer = setTimeout(
    () =>
      stop(
        fail('timeout', `The sign-in was not completed in the browser within ${minutes} minute${minutes === 1 ? '' : 's'}. Start it again when you are ready.`),
      ),
    opts.timeoutMs,
  );

  const result = Promise.race([msal, stopSignal]).finally(() => {
    settled = true;
    clearTimeout(timer);
  });
  // After a stop MSAL rejects with our STOP_ERROR; the caller already has the real reason.
  msal.catch(() => undefined);

  return {
    result,
    cancel: () => stop(fail('cancelled', 'The sign-in was cancelled.')),
  };
}

/** Posts an OAuth error with the pending state to MSAL's loopback, which makes it reject and close. */
function releaseLoopback(signInUrl: URL | null, log: (line: string) => void): Promise<void> {
  if (!signInUrl) return Promise.resolve(); // not listening yet; openBrowser releases it when it is
  const redirect = signInUrl.searchParams.get('redirect_uri');
  const state = signInUrl.searchParams.get('state');
  if (!redirect || !state) return Promise.resolve();
  const port = Number(new URL(redirect).port);
  const body = new URLSearchParams({ error: STOP_ERROR, error_description: 'Stopped by Portolan', state }).toString();
  return new Promise<void>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1', // where msal-node listens, whatever name the redirect URI uses
        port,
        path: '/',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // Already closed (the browser won the race): nothing to release.
      log(`sign-in: loopback release skipped (${err.code ?? 'error'})`);
      resolve();
    });
    req.end(body);
  });
}
