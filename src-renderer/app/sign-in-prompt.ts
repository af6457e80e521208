// When the "Sign in again" prompt shows: a lookup failed because the sign-in expired, was revoked or lacks
// consent (main maps interaction_required, consent_required and invalid_grant to signInRequired, and a
// Graph 401 after one forced refresh to unauthorized), and no sign-in has happened since that lookup began.
import type { AuthStatusView, PortolanError } from '../../src-shared/contract';

export interface PromptInput {
  error: PortolanError | null;
  mode: AuthStatusView['mode'] | undefined;
  /** When the failed lookup started (ms). */
  lookupStartedAt: number;
  /** When the last sign-in or account switch finished (ms); 0 for never. */
  lastSignInAt: number;
}

const SIGN_IN_KINDS = new Set<PortolanError['kind']>(['signInRequired', 'unauthorized']);

export function signInPromptFor(input: PromptInput): PortolanError | null {
  const { error } = input;
  // A static preview token cannot be renewed by signing in, and demo data needs no sign-in.
  if (!error || input.mode !== 'msal' || !SIGN_IN_KINDS.has(error.kind)) return null;
  return input.lookupStartedAt >= input.lastSignInAt ? error : null;
}

/**
 * One line for the prompt. The lookup's error panel below carries main's full message and codes, so this
 * only says what happened in the analyst's terms and what signing in will do.
 */
export function promptText(error: PortolanError, username: string | null): string {
  const who = username ? ` for ${username}` : '';
  if (error.code === 'AADSTS65001') {
    return 'Portolan lacks consent to read threat intelligence: an administrator must grant admin consent for ThreatIntelligence.Read.All, then sign in again.';
  }
  if (error.kind === 'unauthorized') return `Microsoft Graph no longer accepts the sign-in${who}. Sign in again; the lookup then runs again.`;
  if (!username) return 'Sign in with your work account; the lookup then runs again.';
  return `The Microsoft sign-in${who} has expired or was revoked. Sign in again; the lookup then runs again.`;
}
