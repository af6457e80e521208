import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeElectron }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  fake.current = createFakeElectron();
  return fake.current.module;
});

const { exportHistoryToFile } = await import('../../../src-main/electron/export-history');
type Handlers = import('../../../src-main/shared/contract').Handlers;

const handlersWith = (result: unknown) => ({ 'history:export': vi.fn(async () => result) }) as unknown as Handlers;

describe('File › Export history…', () => {
  it('writes the core’s JSON export where the analyst chose, readable only by them', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'portolan-export-')), 'out.json');
    fake.current.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const handlers = handlersWith({ ok: true, value: { filename: 'portolan-history.json', mime: 'application/json', content: '{"v":1}' } });
    await exportHistoryToFile(handlers, null);
    expect(handlers['history:export']).toHaveBeenCalledWith({ format: 'json' }, {});
    expect(fake.current.electron.dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: 'portolan-history.json' }));
    expect(readFileSync(target, 'utf8')).toBe('{"v":1}');
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o077).toBe(0);
  });

  it('writes nothing when the dialog is cancelled, and reports a failed export', async () => {
    await exportHistoryToFile(handlersWith({ ok: true, value: { filename: 'a.json', mime: 'application/json', content: '{}' } }), null);
    await exportHistoryToFile(handlersWith({ ok: false, error: { kind: 'storage', message: 'History is unreadable.' } }), null);
    expect(fake.current.electron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'History is unreadable.' }));
  });

  it('offers the folder of the previous export next time (Electron 43+ would open Downloads)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'portolan-export-'));
    const ok = { ok: true, value: { filename: 'portolan-history-2026-11-30.json', mime: 'application/json', content: '{}' } };
    fake.current.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(folder, 'first.json') });
    await exportHistoryToFile(handlersWith(ok), null);
    fake.current.electron.dialog.showSaveDialog.mockClear();
    await exportHistoryToFile(handlersWith(ok), null);
    expect(fake.current.electron.dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: join(folder, 'portolan-history-2026-11-30.json') }),
    );
  });
});
