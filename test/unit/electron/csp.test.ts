import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { CONTENT_SECURITY_POLICY, installContentSecurityPolicy } = await import('../../../src-main/electron/csp');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
  );
}

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it("starts from default-src 'none' and allows only our own origin for scripts, styles and connections", () => {
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('has no unsafe-inline, unsafe-eval, wildcards, nonces-by-accident or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|blob:|wasm|strict-dynamic/);
  });

  it("matches the renderer's <meta> policy directive for directive, frame-ancestors in the header only", () => {
    const html = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta).toBeTruthy();
    const metaDirectives = directives(meta!);
    for (const [name, value] of metaDirectives) expect(csp.get(name), name).toBe(value);
    for (const name of csp.keys()) if (name !== 'frame-ancestors') expect(metaDirectives.has(name), name).toBe(true);
    // A <meta> policy ignores frame-ancestors and logs a console error for it.
    expect(metaDirectives.has('frame-ancestors')).toBe(false);
  });

  it('is added to every response and replaces any CSP the response carried', () => {
    const fake = createFakeElectron();
    const session = fake.electron.session.defaultSession;
    installContentSecurityPolicy(session as never);
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]![0] as (
      details: { responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    let out: Record<string, string[]> = {};
    listener(
      { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'X-Other': ['1'] } },
      (r) => (out = r.responseHeaders),
    );
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['X-Other']).toEqual(['1']);
    listener({}, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
