import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRotatingLog, formatLogLine } from '../../../src-main/core/log-file';
import { createSecretLedger } from '../../../src-main/core/secret-ledger';

const AT = new Date('2026-01-02T03:04:05.000Z');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-log-'));
  dirs.push(dir);
  return join(dir, 'logs');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('log lines', () => {
  it('redact JWTs, bearer phrases and the exact tokens the core used, and cannot forge new lines', () => {
    const ledger = createSecretLedger();
    ledger.remember('opaque-token-1234567890');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const line = formatLogLine(`got opaque-token-1234567890 and ${jwt}; Authorization: Bearer abc.def\n2026-01-01T00:00:00Z forged`, AT, ledger.redact);
    expect(line).not.toContain('opaque-token-1234567890');
    expect(line).not.toContain(jwt);
    expect(line).not.toContain('abc.def');
    expect(line).toBe(`2026-01-02T03:04:05.000Z got [redacted] and [redacted]; Authorization: Bearer [redacted]\\n2026-01-01T00:00:00Z forged\n`);
    expect(line.split('\n')).toHaveLength(2);
  });

  it('escape other control characters and cut very long messages', () => {
    expect(formatLogLine('a\u0000b\u001b[31mc\u2028', AT)).toBe('2026-01-02T03:04:05.000Z a\\u0000b\\u001b[31mc\\u2028\n');
    expect(formatLogLine('x'.repeat(100_000), AT).length).toBeLessThan(9000);
  });
});

describe('rotating log file', () => {
  it('appends to logs/portolan.log, creating the folder', async () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir, now: () => AT });
    log.write('first');
    log.write('second');
    await log.flush();
    expect(readFileSync(join(dir, 'portolan.log'), 'utf8')).toBe('2026-01-02T03:04:05.000Z first\n2026-01-02T03:04:05.000Z second\n');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'portolan.log')).mode & 0o777).toBe(0o600);
  });

  it('rotates before a line would pass the limit and keeps only the newest three old files', async () => {
    const dir = tempDir();
    // Each line is 24 + 1 + 9 + 1 = 35 bytes; 100 bytes hold two lines.
    const log = createRotatingLog({ dir, maxBytes: 100, keep: 3, now: () => AT });
    for (let i = 0; i < 12; i++) log.write(`line-${String(i).padStart(4, '0')}`);
    await log.flush();
    expect(readdirSync(dir).sort()).toEqual(['portolan.log', 'portolan.log.1', 'portolan.log.2', 'portolan.log.3']);
    const read = (name: string) => readFileSync(join(dir, name), 'utf8').trim().split('\n').map((l) => l.slice(25));
    expect(read('portolan.log')).toEqual(['line-0010', 'line-0011']);
    expect(read('portolan.log.1')).toEqual(['line-0008', 'line-0009']);
    expect(read('portolan.log.3')).toEqual(['line-0004', 'line-0005']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(100);
  });

  it('counts what an earlier run left in the file', async () => {
    const dir = tempDir();
    const first = createRotatingLog({ dir, maxBytes: 100, now: () => AT });
    first.write('x'.repeat(60));
    await first.flush();
    const second = createRotatingLog({ dir, maxBytes: 100, now: () => AT });
    second.write('y'.repeat(30));
    await second.flush();
    expect(readFileSync(join(dir, 'portolan.log.1'), 'utf8')).toContain('x'.repeat(60));
    expect(readFileSync(join(dir, 'portolan.log'), 'utf8')).toContain('y'.repeat(30));
  });

  it('reports a failed append and keeps going', async () => {
    const base = tempDir();
    // A file where the folder should be: every append fails.
    writeFileSync(join(base, '..', 'blocker'), '');
    const errors: unknown[] = [];
    const log = createRotatingLog({ dir: join(base, '..', 'blocker'), onError: (e) => errors.push(e), now: () => AT });
    log.write('lost');
    await log.flush();
    expect(errors).toHaveLength(1);
  });
});
