import { describe, expect, it } from 'vitest';
import type { PortolanError } from '../../../../src-shared/views';
import { promptText, signInPromptFor } from '../../../../src-renderer/app/sign-in-prompt';

const expired: PortolanError = { kind: 'signInRequired', message: 'Sign in again: your Microsoft sign-in has expired or was revoked.', code: 'invalid_grant' };

describe('the "Sign in again" prompt', () => {
  it('shows for a lookup that needs a new sign-in (signInRequired, or a 401 after one forced refresh)', () => {
    expect(signInPromptFor({ error: expired, mode: 'msal', lookupStartedAt: 2000, lastSignInAt: 1000 })).toBe(expired);
    const unauthorized: PortolanError = { kind: 'unauthorized', message: 'Graph rejected the token; sign in again.', status: 401 };
    expect(signInPromptFor({ error: unauthorized, mode: 'msal', lookupStartedAt: 2000, lastSignInAt: 0 })).toBe(unauthorized);
  });

  it('goes away once a sign-in finished after that lookup began', () => {
    expect(signInPromptFor({ error: expired, mode: 'msal', lookupStartedAt: 2000, lastSignInAt: 3000 })).toBeNull();
  });

  it('is not for other errors, nor where signing in cannot help (demo data, a static preview token)', () => {
    for (const kind of ['forbidden', 'licence', 'network', 'notFound', 'notConfigured'] as const) {
      expect(signInPromptFor({ error: { kind, message: 'x' }, mode: 'msal', lookupStartedAt: 2, lastSignInAt: 1 })).toBeNull();
    }
    expect(signInPromptFor({ error: expired, mode: 'token', lookupStartedAt: 2, lastSignInAt: 1 })).toBeNull();
    expect(signInPromptFor({ error: expired, mode: 'demo', lookupStartedAt: 2, lastSignInAt: 1 })).toBeNull();
    expect(signInPromptFor({ error: null, mode: 'msal', lookupStartedAt: 2, lastSignInAt: 1 })).toBeNull();
  });
});

describe('the prompt text', () => {
  it('names the account and what signing in does', () => {
    expect(promptText(expired, 'alice@contoso.example')).toBe(
      'The Microsoft sign-in for alice@contoso.example has expired or was revoked. Sign in again; the lookup then runs again.',
    );
  });
  it('says consent is an administrator matter', () => {
    const consent: PortolanError = { kind: 'signInRequired', message: 'Sign in again: Portolan does not have consent …', code: 'AADSTS65001' };
    expect(promptText(consent, 'alice@contoso.example')).toMatch(/administrator must grant admin consent for ThreatIntelligence\.Read\.All/);
  });
  it('without any account, asks to sign in rather than to sign in again', () => {
    expect(promptText({ kind: 'signInRequired', message: 'Sign in with your work account to look things up.' }, null)).toMatch(/^Sign in with your work account/);
  });
});
