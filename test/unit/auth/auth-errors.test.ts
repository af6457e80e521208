import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { aadstsCode, mapInteractiveError, mapSilentError } from '../../../src-main/core/auth/auth-errors';
import { fail } from '../../../src-main/core/failure';

const noNetwork = { lastNetworkFailure: null };
const secretish = 'AADSTS70008: The refresh token rt-abc123 for user alice@contoso.example has expired.';

describe('MSAL error mapping', () => {
  it('finds the AADSTS code in errorNo or in the description', () => {
    expect(aadstsCode(new ServerError('invalid_grant', '', 'whatever', undefined, '65001'))).toBe('AADSTS65001');
    expect(aadstsCode(new ServerError('invalid_grant', '', secretish))).toBe('AADSTS70008');
    expect(aadstsCode(new AuthError('x', 'y'))).toBeUndefined();
  });

  it('silent: invalid_grant → signInRequired with the code, never the server text', () => {
    const f = mapSilentError(new ServerError('invalid_grant', 'corr', secretish), noNetwork);
    expect(f.error.kind).toBe('signInRequired');
    expect(f.error.code).toBe('AADSTS70008');
    expect(JSON.stringify(f.error)).not.toMatch(/rt-abc123|alice@|expired\./);
  });

  it('silent: interaction_required, login_required and no_tokens_found → signInRequired', () => {
    expect(mapSilentError(new InteractionRequiredAuthError('interaction_required', 'c', 'AADSTS50076: MFA'), noNetwork).error).toMatchObject({
      kind: 'signInRequired',
      code: 'AADSTS50076',
    });
    expect(mapSilentError(new AuthError('login_required', 'c'), noNetwork).error.kind).toBe('signInRequired');
    expect(mapSilentError(new AuthError('no_tokens_found', 'c'), noNetwork).error.kind).toBe('signInRequired');
  });

  it('consent missing → a consent message, on the silent and the interactive path', () => {
    const err = new InteractionRequiredAuthError('invalid_grant', 'c', 'AADSTS65001: not consented', 'consent_required');
    expect(mapSilentError(err, noNetwork).error).toMatchObject({ kind: 'signInRequired', code: 'AADSTS65001' });
    expect(mapSilentError(err, noNetwork).error.message).toMatch(/admin consent/);
    expect(mapInteractiveError(new ServerError('consent_required', 'c', 'AADSTS65001: x'), noNetwork).error).toMatchObject({
      kind: 'forbidden',
      code: 'AADSTS65001',
    });
  });

  it('network_error → a network failure that names the host and the socket error', () => {
    const f = mapSilentError(new AuthError('network_error', 'details'), {
      lastNetworkFailure: { method: 'POST', target: 'https://127.0.0.1:5555/organizations/oauth2/v2.0/token', outcome: 'failed', code: 'ECONNREFUSED' },
    });
    expect(f.error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(f.error.message).toContain('https://127.0.0.1:5555');
    expect(f.error.message).not.toContain('oauth2');
  });

  it('a refused host says so', () => {
    const f = mapInteractiveError(new AuthError('network_error', ''), {
      lastNetworkFailure: { method: 'GET', target: 'https://evil.example/x', outcome: 'refused', code: 'NOT_ALLOWED' },
    });
    expect(f.error).toMatchObject({ kind: 'network', code: 'PORTOLAN_REFUSED' });
    expect(f.error.message).toMatch(/refused to contact https:\/\/evil\.example/);
  });

  it("marks every failure on the way to the sign-in authority with field 'cloud', so the UI need not read the message", () => {
    const failed = mapSilentError(new AuthError('network_error', ''), noNetwork);
    const refused = mapInteractiveError(new AuthError('network_error', ''), {
      lastNetworkFailure: { method: 'GET', target: 'https://evil.example/x', outcome: 'refused', code: 'NOT_ALLOWED' },
    });
    expect(failed.error).toMatchObject({ kind: 'network', field: 'cloud' });
    expect(refused.error).toMatchObject({ kind: 'network', field: 'cloud' });
  });

  it('passes PortolanFailures through and hides anything unknown', () => {
    const own = fail('timeout', 'late');
    expect(mapInteractiveError(own, noNetwork)).toBe(own);
    const f = mapSilentError(new Error('Bearer eyJhbGciOi.secret.sig exploded'), noNetwork);
    expect(f.error.kind).toBe('internal');
    expect(JSON.stringify(f.error)).not.toMatch(/eyJ|exploded/);
    expect(mapInteractiveError(new ServerError('access_denied', 'c', 'AADSTS65004: declined'), noNetwork).error.kind).toBe('cancelled');
    expect(mapInteractiveError(new ServerError('temporarily_unavailable', 'c', 'AADSTS90033'), noNetwork).error).toMatchObject({
      kind: 'server',
      code: 'AADSTS90033',
    });
  });
});
