import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const require = createRequire(import.meta.url);
const config = load(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it("validates against the JSON schema app-builder-lib ships", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app and packs it into an asar without a publish feed', () => {
    expect(config.appId).toBe('io.portolan.app');
    expect(config.productName).toBe('Portolan');
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.directories.buildResources).toBe('assets');
  });

  it('packages only the built output and package.json: no sources, tests or the web preview', () => {
    const included = (config.files as string[]).filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['out/**', 'package.json']);
    for (const pattern of config.files as string[]) expect(pattern).not.toMatch(/src|test|preview|scripts|bench/);
  });

  it('the main bundle entry the package points at is inside the packaged files', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    expect(pkg.main).toMatch(/^out\//);
  });

  it('flips the Electron fuses that would let a local attacker bypass the app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds nsis for Windows, a hardened dmg for macOS, AppImage, deb and rpm for Linux', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true, category: 'public.app-category.developer-tools' });
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('files the Linux desktop entry under Network (main category) and Security (additional)', () => {
    // electron-builder writes Categories=<linux.category>; last, so this is the desktop entry's line.
    expect(`${config.linux.category};`).toBe('Network;Security;');
    expect(config.linux.desktop?.entry?.Categories ?? 'Network;Security;').toBe('Network;Security;');
  });

  it('names every artifact with product, version, OS and architecture', () => {
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
    for (const platform of ['win', 'mac', 'linux', 'nsis', 'dmg']) expect(config[platform]?.artifactName).toBeUndefined();
  });

  it('declares the portolan:// scheme the app handles', () => {
    expect(config.protocols).toEqual([{ name: 'Portolan link', schemes: ['portolan'] }]);
  });

  it('signs macOS with a minimal entitlements file: JIT for V8 and nothing else', () => {
    expect(config.mac.entitlements).toBe('assets/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('assets/entitlements.mac.plist');
    const plist = readFileSync(new URL('assets/entitlements.mac.plist', root), 'utf8');
    const keys = [...plist.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
  });

  it('keeps signing secrets out of the file: certificates and Apple credentials come from the environment', () => {
    const text = readFileSync(new URL('electron-builder.yml', root), 'utf8');
    for (const key of ['cscLink', 'cscKeyPassword', 'certificatePassword', 'certificateFile', 'appleId', 'appleIdPassword']) expect(text).not.toContain(`${key}:`);
    expect(config.mac.notarize).toBeUndefined();
  });
});

describe('assets', () => {
  it('has a 512x512 RGBA PNG icon that decodes, and its SVG source is script-free', () => {
    const png = readFileSync(new URL('assets/icon.png', root));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png[25]).toBe(6);
    // Collect IDAT chunks and inflate: the pixel data must be complete.
    const idat: Buffer[] = [];
    for (let o = 8; o < png.length; ) {
      const len = png.readUInt32BE(o);
      if (png.toString('ascii', o + 4, o + 8) === 'IDAT') idat.push(png.subarray(o + 8, o + 8 + len));
      o += 12 + len;
    }
    expect(inflateSync(Buffer.concat(idat)).length).toBe(512 * (512 * 4 + 1));
    const svg = readFileSync(new URL('assets/icon.svg', root), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).not.toMatch(/<script|on[a-z]+=|href=|<foreignObject/i);
  });
});
