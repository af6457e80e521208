// Remembers the main window's size, position and maximised state per display arrangement (the rules are
// in core/window-placement.ts). The file is read once at start and written when the window closes, both
// asynchronously through an injected store; losing it only costs the remembered placement.
import type { BrowserWindow, Display, Screen } from 'electron';
import type { JsonStore } from '../core/fs/json-file';
import {
  chooseWindowPlacement,
  parseWindowState,
  recordWindowPlacement,
  type DisplayInfo,
  type WindowPlacement,
  type WindowStateFile,
} from '../core/window-placement';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowStateKeeper {
  /** Where the next window opens: the saved placement if still visible, else centred at the default size. */
  placement(): WindowPlacement;
  /** Saves the window's placement when it closes. */
  track(window: BrowserWindow): void;
  /** Resolves when the last save has finished (awaited before the app quits). */
  flush(): Promise<void>;
}

type ScreenPort = Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;

const info = (d: Display): DisplayInfo => ({ id: d.id, bounds: { ...d.bounds }, workArea: { ...d.workArea } });

export async function createWindowStateKeeper(store: JsonStore, screen: ScreenPort, onError: (err: unknown) => void = () => undefined): Promise<WindowStateKeeper> {
  let state: WindowStateFile = parseWindowState(await store.read());
  let saving: Promise<void> = Promise.resolve();
  return {
    placement() {
      const { bounds, maximized } = chooseWindowPlacement(state, screen.getAllDisplays().map(info), info(screen.getPrimaryDisplay()));
      return { bounds, maximized };
    },
    track(window) {
      window.on('close', () => {
        // getNormalBounds: the size to return to when un-maximised, which is what should be remembered.
        const placement = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
        state = recordWindowPlacement(state, screen.getAllDisplays().map(info), placement);
        const next = state;
        saving = saving.then(() => store.write(next)).catch(onError);
      });
    },
    flush: () => saving,
  };
}
