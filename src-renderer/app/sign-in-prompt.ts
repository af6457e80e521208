// When the "Sign in again" prompt shows: a lookup failed because the sign-in expired, was revoked or lacks
// consent (main maps interaction_required, consent_required and invalid_grant to signInRequired, and a
// Graph 401 after one forced refresh to unauthorized), and no sign-in has happened since that lookup began.
import type { AuthStatusView, PortolanError } from '../../src-main/ipc/contract';

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
