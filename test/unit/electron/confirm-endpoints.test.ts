import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

const fake = createFakeElectron();
vi.mock('electron', () => fake.module);

const { confirmEndpointsWithDialog, USE_ENDPOINTS, CANCEL } = await import('../../../src-main/electron/confirm-endpoints');

const CHANGE = { authority: 'https://login.evil.example:8443/tenant', graphRoot: 'https://graph.evil.example/root', cloud: 'custom' };

describe('confirmEndpointsWithDialog', () => {
  it('shows a modal on the window naming the authority host and Graph root, Cancel by default', async () => {
    const { dialog } = fake.electron;
    dialog.showMessageBox.mockClear();
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0 } as never);
    const window = { id: 1 };
    expect(await confirmEndpointsWithDialog(dialog as never, window as never, CHANGE)).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [parent, options] = dialog.showMessageBox.mock.calls[0] as unknown as [unknown, Electron.MessageBoxOptions];
    expect(parent).toBe(window);
    expect(options.buttons).toEqual([USE_ENDPOINTS, CANCEL]);
    expect(options.buttons).toEqual(['Use these endpoints', 'Cancel']);
    expect(options.defaultId).toBe(1);
    expect(options.cancelId).toBe(1);
    expect(options.detail).toContain('Sign-in authority host: login.evil.example:8443');
    expect(options.detail).toContain('Microsoft Graph service root: https://graph.evil.example/root');
    expect(options.detail).toContain('Cloud: Custom');
  });

  it('Cancel (or closing the dialog) is a no', async () => {
    const { dialog } = fake.electron;
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1 } as never);
    expect(await confirmEndpointsWithDialog(dialog as never, { id: 1 } as never, CHANGE)).toBe(false);
  });

  it('without a window there is no one to ask: no', async () => {
    const { dialog } = fake.electron;
    dialog.showMessageBox.mockClear();
    expect(await confirmEndpointsWithDialog(dialog as never, null, CHANGE)).toBe(false);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });
});
