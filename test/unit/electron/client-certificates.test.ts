import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { installClientCertificatePolicy } from '../../../src-main/electron/client-certificates';

describe('client certificates', () => {
  it('never presents a certificate from the OS store, also for net requests (webContents null)', () => {
    const app = new EventEmitter();
    installClientCertificatePolicy(app as unknown as Pick<App, 'on'>);
    for (const contents of [null, { id: 1 }]) {
      const event = { preventDefault: vi.fn() };
      const callback = vi.fn();
      app.emit('select-client-certificate', event, contents, 'https://tls-inspect.example/', [{ subjectName: 'CN=analyst' }], callback);
      expect(event.preventDefault).toHaveBeenCalledOnce();
      expect(callback).toHaveBeenCalledWith();
    }
  });
});
