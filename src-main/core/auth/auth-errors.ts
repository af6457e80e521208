// MSAL errors → PortolanFailure. Never passes MSAL's own message text on: it can quote request details,
// and analysts need to know what to do, not what the library saw. The AADSTS number (or MSAL's error code)
// goes in `code` for support.
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { fail, PortolanFailure } from '../failure';
import type { NetworkAttempt } from './network-client';

const SIGN_IN_AGAIN_CODES = new Set([
  'invalid_grant',
  'interaction_required',
  'consent_required',
  'login_required',
  'bad_token',
  'no_tokens_found',
  'no_account_in_silent_request',
  'refresh_token_expired',
  'native_account_unavailable',
]);
const NETWORK_CODES = new Set(['network_error', 'endpoints_resolution_error', 'openid_config_error', 'untrusted_authority']);

export interface ErrorContext {
  lastNetworkFailure: NetworkAttempt | null;
}

/** AADSTS65001 and friends: the code Entra puts in error_codes and at the start of error_description. */
export function aadstsCode(err: AuthError): string | undefined {
  const errorNo = (err as AuthError & { errorNo?: string }).errorNo;
  if (errorNo && /^\d+$/.test(errorNo)) return `AADSTS${errorNo}`;
  const m = /AADSTS(\d{4,})/.exec(err.errorMessage ?? '');
  return m ? `AADSTS${m[1]}` : undefined;
}

function isConsentMissing(err: AuthError, aadsts: string | undefined): boolean {
  return aadsts === 'AADSTS65001' || err.errorCode === 'consent_required' || err.subError === 'consent_required';
}

/** A network failure on the way to the sign-in authority: `field` 'cloud' says so (it is the setting that chose it). */
export function networkFailure(ctx: ErrorContext): PortolanFailure {
  const last = ctx.lastNetworkFailure;
  if (last?.outcome === 'refused') {
    return fail('network', `Portolan refused to contact ${originOf(last.target)}: it is not the configured sign-in authority.`, { code: 'PORTOLAN_REFUSED', field: 'cloud' });
  }
  const where = last ? originOf(last.target) : 'the sign-in server';
  const code = last?.code ?? 'network_error';
  const why =
    code === 'ECONNREFUSED' || code === 'ECONNRESET'
      ? 'the connection was refused or dropped'
      : code === 'ETIMEDOUT'
        ? 'it did not answer in time'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'the name could not be found'
          : code.startsWith('ERR_TLS') || code.includes('CERT')
            ? 'its TLS certificate is not trusted'
            : 'a network error occurred';
  return fail('network', `Could not reach the sign-in authority ${where} (${why}). Check the network connection and the cloud settings, then try again.`, { code, field: 'cloud' });
}

function originOf(target: string): string {
  try {
    return new URL(target).origin;
  } catch {
    return 'the sign-in server';
  }
}

/** For acquireTokenSilent: anything the user can fix by signing in becomes 'signInRequired'. */
export function mapSilentError(err: unknown, ctx: ErrorContext): PortolanFailure {
  if (err instanceof PortolanFailure) return err;
  if (!(err instanceof AuthError)) return fail('internal', 'Getting a token failed inside Portolan.', { code: 'UNEXPECTED' });
  const aadsts = aadstsCode(err);
  const code = aadsts ?? err.errorCode;
  if (isConsentMissing(err, aadsts)) {
    return fail(
      'signInRequired',
      'Sign in again: Portolan does not have consent to read threat intelligence for this account. An administrator must grant admin consent for ThreatIntelligence.Read.All (AADSTS65001).',
      { code: aadsts ?? 'AADSTS65001' },
    );
  }
  if (err instanceof InteractionRequiredAuthError || SIGN_IN_AGAIN_CODES.has(err.errorCode)) {
    return fail('signInRequired', 'Sign in again: your Microsoft sign-in has expired or was revoked.', { code });
  }
  if (NETWORK_CODES.has(err.errorCode)) return networkFailure(ctx);
  return fail('server', 'The sign-in server did not give Portolan a token. Try again, or sign in again if it persists.', { code });
}

/** For the interactive sign-in (the browser step and the code exchange). */
export function mapInteractiveError(err: unknown, ctx: ErrorContext): PortolanFailure {
  if (err instanceof PortolanFailure) return err;
  if (!(err instanceof AuthError)) return fail('internal', 'The sign-in failed inside Portolan.', { code: 'UNEXPECTED' });
  const aadsts = aadstsCode(err);
  const code = aadsts ?? err.errorCode;
  if (isConsentMissing(err, aadsts)) {
    return fail(
      'forbidden',
      'Portolan is not allowed to read threat intelligence for this account yet: an administrator must grant admin consent for the delegated permission ThreatIntelligence.Read.All to the app registration (AADSTS65001). Then sign in again.',
      { code: aadsts ?? 'AADSTS65001' },
    );
  }
  if (err.errorCode === 'access_denied') {
    return fail('cancelled', 'The sign-in was declined in the browser.', { code });
  }
  if (NETWORK_CODES.has(err.errorCode)) return networkFailure(ctx);
  if (err instanceof InteractionRequiredAuthError || SIGN_IN_AGAIN_CODES.has(err.errorCode)) {
    return fail('signInRequired', 'The sign-in could not be completed. Please try again.', { code });
  }
  return fail('server', 'The sign-in could not be completed. Please try again; if it keeps failing, give support the code shown.', { code });
}
