// Settings › Network and Appearance on the renderer side: the patch a save sends, field errors by code and
// field, the theme attribute on <html>, and the stylesheet's one dark palette.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/core/settings';
import { parseRequest, type SettingsView } from '../../../src-shared/contract';
import { buildPatch, draftFrom, fieldOfError, proxyUrlInUse } from '../../../src-renderer/features/settings/settings-form';
import { applyTheme } from '../../../src-renderer/lib/theme';

const saved: SettingsView = { ...DEFAULT_SETTINGS };

describe('the Network section', () => {
  it('the URL is used for manual and PAC only', () => {
    expect(['system', 'direct', 'manual', 'pac'].map((m) => proxyUrlInUse(m as SettingsView['proxyMode']))).toEqual([false, false, true, true]);
  });

  it('a manual proxy sends the mode and the trimmed URL', () => {
    const draft = { ...draftFrom(saved), proxyMode: 'manual' as const, proxyUrl: '  http://proxy.corp.example:3128 ' };
    expect(buildPatch(draft, saved)).toEqual({ patch: { proxyMode: 'manual', proxyUrl: 'http://proxy.corp.example:3128' }, problems: {} });
  });

  it('with System or No proxy chosen, a half-typed URL is left as saved', () => {
    const before = { ...saved, proxyMode: 'manual' as const, proxyUrl: 'http://proxy:3128' };
    const draft = { ...draftFrom(before), proxyMode: 'direct' as const, proxyUrl: 'http://half' };
    expect(buildPatch(draft, before)).toEqual({ patch: { proxyMode: 'direct' }, problems: {} });
  });

  it("main's refusal of the URL belongs to the URL field, by field and not by wording", () => {
    expect(fieldOfError({ kind: 'invalidInput', message: 'anything', code: 'PROXY_URL_INVALID', field: 'proxyUrl' })).toBe('proxyUrl');
    expect(fieldOfError({ kind: 'invalidInput', message: 'proxyUrl is wrong' })).toBeNull();
  });

  it('the contract takes the new fields and refuses unknown modes and themes by field', () => {
    expect(parseRequest('settings:set', { proxyMode: 'pac', proxyUrl: null, theme: 'dark' })).toMatchObject({ ok: true });
    expect(parseRequest('settings:set', { proxyMode: 'socks' })).toMatchObject({ ok: false, error: { code: 'REQUEST_INVALID', field: 'proxyMode' } });
    expect(parseRequest('settings:set', { theme: 'sepia' })).toMatchObject({ ok: false, error: { code: 'REQUEST_INVALID', field: 'theme' } });
  });
});

describe('the theme', () => {
  it('Light and Dark set data-theme on <html>; System removes it so prefers-color-scheme decides', () => {
    const root = { dataset: {} as Record<string, string | undefined> };
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });

  it('the dark palette is written once: the OS dark mode and forced Dark both get it, forced Light opts out', () => {
    const css = readFileSync(join(__dirname, '..', '..', '..', 'src-renderer', 'styles', 'app.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const declared = (name: string): number => css.split(new RegExp(`${name}\\s*:`)).length - 1;
    const colours = ['--bg', '--surface', '--text', '--text-3', '--accent', '--accent-text', '--danger', '--esc-soft', '--focus'];
    for (const name of colours) {
      expect(declared(name), name).toBe(1);
      expect(css, name).toMatch(new RegExp(`${name}:\\s*light-dark\\(#[0-9a-f]{6}, #[0-9a-f]{6}\\);`));
    }
    expect(css).toMatch(/:root \{\s*color-scheme: light dark;/);
    expect(css).toMatch(/:root\[data-theme='dark'\] \{\s*color-scheme: dark;\s*\}/);
    expect(css).toMatch(/:root\[data-theme='light'\] \{\s*color-scheme: light;\s*\}/);
    expect(css).not.toMatch(/prefers-color-scheme/);
  });
});
