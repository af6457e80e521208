import { describe, expect, it } from 'vitest';
import { createSecretLedger } from '../../../src-main/core/secret-ledger';
import { redactHandlerErrors } from '../../../src-main/core/service/redact-handlers';
import type { Handlers } from '../../../src-shared/contract';

describe('secret ledger', () => {
  it('remembers each token a tracked source hands out and scrubs its exact and URL-encoded text', async () => {
    const ledger = createSecretLedger();
    const tokens = ledger.track({ getToken: async () => 'opaque+token/xyz=123' });
    expect(ledger.redact('x opaque+token/xyz=123 y')).toBe('x opaque+token/xyz=123 y');
    expect(await tokens.getToken({ forceRefresh: false })).toBe('opaque+token/xyz=123');
    expect(ledger.redact('a opaque+token/xyz=123 b opaque%2Btoken%2Fxyz%3D123 c')).toBe('a [redacted] b [redacted] c');
  });

  it('redacts every string field of an error and keeps the rest', () => {
    const ledger = createSecretLedger();
    ledger.remember('opaque-token-xyz123');
    const e = ledger.redactError({
      kind: 'forbidden',
      message: 'denied opaque-token-xyz123',
      code: 'c:opaque-token-xyz123',
      requestId: 'opaque-token-xyz123',
      detail: '<p>opaque-token-xyz123</p>',
      status: 403,
    });
    expect(e).toEqual({ kind: 'forbidden', message: 'denied [redacted]', code: 'c:[redacted]', requestId: '[redacted]', detail: '<p>[redacted]</p>', status: 403 });
  });

  it('ignores strings too short to be credentials, and forgets the oldest beyond its bound', () => {
    const ledger = createSecretLedger();
    ledger.remember('');
    ledger.remember('abc');
    expect(ledger.redact('abc')).toBe('abc');
    for (let i = 0; i < 40; i++) ledger.remember(`token-number-${String(i).padStart(2, '0')}`);
    expect(ledger.redact('token-number-00')).toBe('token-number-00');
    expect(ledger.redact('token-number-39')).toBe('[redacted]');
  });

  it('redactHandlerErrors scrubs failed Results and thrown errors, leaving successes alone', async () => {
    const ledger = createSecretLedger();
    ledger.remember('opaque-token-xyz123');
    const handlers = redactHandlerErrors(
      {
        'app:info': async () => ({ ok: false, error: { kind: 'server', message: 'echo opaque-token-xyz123' } }),
        'auth:status': async () => {
          throw new Error('boom opaque-token-xyz123');
        },
        'settings:get': async () => ({ ok: true, value: { note: 'opaque-token-xyz123' } }),
      } as unknown as Handlers,
      ledger,
    );
    const call = (c: string) => (handlers as unknown as Record<string, () => Promise<unknown>>)[c]!();
    expect(JSON.stringify(await call('app:info'))).not.toContain('opaque-token-xyz123');
    expect(JSON.stringify(await call('auth:status'))).not.toContain('opaque-token-xyz123');
    expect(await call('settings:get')).toEqual({ ok: true, value: { note: 'opaque-token-xyz123' } });
  });
});
