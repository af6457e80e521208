// The app writes history with electron-store, the preview and tests with conf directly: the same file format
// only while electron-store's own conf and ours share a major version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = (path: string) => JSON.parse(readFileSync(join(process.cwd(), path), 'utf8')) as { version: string; dependencies?: Record<string, string> };
const major = (range: string) => Number(/(\d+)/.exec(range)?.[1]);

describe('electron-store and conf', () => {
  it('electron-store is built on the conf major the preview uses', () => {
    const storeWants = pkg('node_modules/electron-store/package.json').dependencies?.conf ?? '';
    expect(major(storeWants)).toBe(major(pkg('node_modules/conf/package.json').version));
    expect(major(pkg('package.json').dependencies?.conf ?? '')).toBe(major(storeWants));
  });
});
