// A stand-in for the 'electron' module. The real module cannot be loaded here (no Electron binary), and
// the shell's security decisions are exactly what these tests pin, so every API the shell touches is a
// spy or a small event emitter that records what it was given.
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { vi } from 'vitest';

export interface FakeFrame {
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
  url: string;
  detached: boolean;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame = { processId: this.id, routingId: 1, parent: null, url: 'app://portolan/index.html', detached: false };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** main → renderer messages (the data-less notifications). */
  send = vi.fn((_channel: string, ..._args: unknown[]) => undefined);
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });

  /** Emits a will-* navigation event the way Electron does, returning whether it was prevented. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    let prevented = false;
    const e = { url, preventDefault: () => (prevented = true) };
    this.emit(event, e, url);
    return prevented;
  }

  subframe(url: string): FakeFrame {
    return { processId: this.id, routingId: 2, parent: this.mainFrame, url, detached: false };
  }
}

/** net.request's ClientRequest: records what the shell sets and writes; `respond` decides what happens at end(). */
export class FakeClientRequest extends EventEmitter {
  readonly headers: Record<string, string> = {};
  readonly written: string[] = [];
  aborted = false;
  constructor(readonly options: Record<string, unknown>, private readonly respond: (request: FakeClientRequest) => void) {
    super();
  }
  setHeader = vi.fn((name: string, value: string) => void (this.headers[name.toLowerCase()] = value));
  write = vi.fn((chunk: string | Buffer) => void this.written.push(String(chunk)));
  end = vi.fn(() => queueMicrotask(() => this.respond(this)));
  abort = vi.fn(() => void (this.aborted = true));

  /** Answers like Chromium's IncomingMessage: a readable body with status and headers. */
  reply(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): void {
    const res = Object.assign(Readable.from([Buffer.from(body)]), { statusCode: status, statusMessage: '', headers });
    this.emit('response', res);
  }
}

/** A utility process child: records what main posts; tests emit 'message' and 'exit' as the child would. */
export class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = [];
  postMessage = vi.fn((message: unknown) => void this.posted.push(message));
  kill = vi.fn(() => true);
}

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

export const FAKE_PRIMARY_DISPLAY: FakeDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };

export function createFakeElectron(options: { isPackaged?: boolean; lock?: boolean; displays?: FakeDisplay[] } = {}) {
  let fireReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (fireReady = resolve));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: vi.fn(() => options.lock ?? true),
    quit: vi.fn(),
    exit: vi.fn(),
    setPath: vi.fn(),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    getVersion: vi.fn(() => '0.1.0'),
    getName: vi.fn(() => 'Portolan'),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => ready),
    setAboutPanelOptions: vi.fn(),
    setAsDefaultProtocolClient: vi.fn((_protocol: string, _path?: string, _args?: string[]) => true),
  });

  const displays = options.displays ?? [FAKE_PRIMARY_DISPLAY];
  const screen = {
    getAllDisplays: vi.fn(() => displays),
    getPrimaryDisplay: vi.fn(() => displays[0]!),
  };

  class BrowserWindow extends EventEmitter {
    static instances: BrowserWindow[] = [];
    static getAllWindows = vi.fn(() => BrowserWindow.instances.filter((w) => !w.destroyed));
    readonly webContents = new FakeWebContents();
    destroyed = false;
    minimized = false;
    loadURL = vi.fn(async (_url: string) => undefined);
    loadFile = vi.fn(async (_path: string) => undefined);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => this.minimized);
    maximized = false;
    maximize = vi.fn(() => (this.maximized = true));
    isMaximized = vi.fn(() => this.maximized);
    normalBounds = { x: 0, y: 0, width: 1280, height: 860 };
    getNormalBounds = vi.fn(() => ({ ...this.normalBounds }));
    isDestroyed = vi.fn(() => this.destroyed);
    constructor(readonly options: Record<string, unknown>) {
      super();
      const n = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
      this.normalBounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) };
      BrowserWindow.instances.push(this);
    }
  }

  const session = {
    defaultSession: Object.assign(new EventEmitter(), {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setProxy: vi.fn(async (_config: unknown) => undefined),
      closeAllConnections: vi.fn(async () => undefined),
    }),
  };

  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => unknown) => {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
    on: vi.fn(),
  };

  const electron = {
    app,
    BrowserWindow,
    session,
    ipcMain,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    shell: { openExternal: vi.fn(async (_url: string) => undefined), openPath: vi.fn(async (_path: string) => '') },
    net: {
      isOnline: vi.fn(() => true),
      requests: [] as FakeClientRequest[],
      /** What every request does once ended; tests replace it (a 407 login challenge, an error). */
      respond: (request: FakeClientRequest): void => request.reply(200, '{"ok":true}'),
      request: vi.fn((options: Record<string, unknown>): FakeClientRequest => {
        const request = new FakeClientRequest(options, (r) => electron.net.respond(r));
        electron.net.requests.push(request);
        return request;
      }),
      fetch: vi.fn(async (_url: string, _init?: RequestInit) => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } })),
    },
    crashReporter: { start: vi.fn() },
    utilityProcess: { fork: vi.fn((_modulePath: string, _args?: string[], _options?: Record<string, unknown>): FakeUtilityProcess => new FakeUtilityProcess()) },
    nativeTheme: { themeSource: 'system' as 'system' | 'light' | 'dark' },
    screen,
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn((s: string) => Buffer.from(`enc:${s}`)),
      decryptString: vi.fn((b: Buffer) => {
        const s = b.toString();
        if (!s.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return s.slice(4);
      }),
    },
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (_channel: string, _request?: unknown): Promise<unknown> => ({ ok: true, value: {} })),
      on: vi.fn(),
      removeListener: vi.fn(),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  };

  return { module: { ...electron, default: electron }, electron, ipcHandlers, fireReady };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
