// Inline validation messages (.problem) and tags (.tag-chip) look the same everywhere because one rule set in
// styles/app.css draws them; a component may place one (margins) but not restyle it with a copy of its own.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = 'src-renderer';
const SHARED = ['problem', 'tag-chip'];
const PLACEMENT = /^margin(-(top|right|bottom|left))?$/;

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return svelteFiles(path);
    return e.name.endsWith('.svelte') ? [path] : [];
  });
}

/** Each rule of a stylesheet as its selector text and the property names it sets (flat CSS, as components write it). */
function rules(css: string): { selector: string; properties: string[] }[] {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...plain.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selector: m[1]!.trim(),
    properties: m[2]!.split(';').map((d) => d.split(':')[0]!.trim()).filter(Boolean),
  }));
}

const namesShared = (selector: string, cls: string): boolean => new RegExp(`\\.${cls}(?![\\w-])`).test(selector);

describe('shared field styles', () => {
  test('styles/app.css draws .problem and .tag-chip', () => {
    const css = rules(readFileSync(join(ROOT, 'styles/app.css'), 'utf8'));
    for (const cls of SHARED) {
      const own = css.find((r) => r.selector === `.${cls}`);
      expect(own?.properties, cls).toEqual(expect.arrayContaining(['color', 'font-size']));
    }
  });

  test('no component restyles them: at most it places one', () => {
    const offenders: string[] = [];
    for (const file of svelteFiles(ROOT)) {
      const styles = [...readFileSync(file, 'utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join('\n');
      for (const rule of rules(styles)) {
        for (const cls of SHARED) {
          if (!namesShared(rule.selector, cls)) continue;
          const looks = rule.properties.filter((p) => !PLACEMENT.test(p));
          if (looks.length) offenders.push(`${file}: ${rule.selector.replace(/\s+/g, ' ')} sets ${looks.join(', ')}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
