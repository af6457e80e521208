// Where the main window opens. Analysts move between a laptop screen and docked monitors, so the size,
// position and maximised state are remembered per display arrangement (the set of screens attached), and
// a saved placement is used only while it is still visible on a screen that exists now; otherwise the
// window opens centred on the primary display at the default size. Pure functions: the shell hands in
// Electron's screen data and an async store, and tests hand in fake screens.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export interface WindowPlacement {
  /** The normal (not maximised) bounds. */
  bounds: Rect;
  maximized: boolean;
}

export interface WindowStateFile {
  version: 1;
  /** Arrangement key (see arrangementKey) → the placement last used with it. */
  arrangements: Record<string, WindowPlacement>;
  /** The arrangement saved most recently, tried when the current one has no entry. */
  last: string | null;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 860 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 520 } as const;
/** Enough of the window (including its title bar) must be on a screen to grab and move it. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;
/** Docking stations come and go; a handful of arrangements is plenty and keeps the file tiny. */
export const MAX_ARRANGEMENTS = 8;

export const emptyWindowState = (): WindowStateFile => ({ version: 1, arrangements: {}, last: null });

/** The same screens in the same places give the same key, whatever order Electron lists them in. */
export function arrangementKey(displays: readonly DisplayInfo[]): string {
  return displays
    .map((d) => `${d.bounds.x},${d.bounds.y},${d.bounds.width}x${d.bounds.height}`)
    .sort()
    .join(';');
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when the window's top strip (where the title bar is) lies enough on one current work area. */
export function isVisibleOn(bounds: Rect, displays: readonly DisplayInfo[]): boolean {
  const titleStrip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, MIN_VISIBLE.height) };
  return displays.some((d) => {
    const overlap = intersection(titleStrip, d.workArea);
    return overlap.width >= Math.min(MIN_VISIBLE.width, bounds.width) && overlap.height >= Math.min(MIN_VISIBLE.height, bounds.height);
  });
}

export function centredDefault(primary: DisplayInfo): WindowPlacement {
  const area = primary.workArea;
  const width = Math.min(DEFAULT_WINDOW_SIZE.width, area.width);
  const height = Math.min(DEFAULT_WINDOW_SIZE.height, area.height);
  return {
    bounds: { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height },
    maximized: false,
  };
}

/** The placement to open with, and whether it came from the saved state. */
export function chooseWindowPlacement(
  saved: WindowStateFile,
  displays: readonly DisplayInfo[],
  primary: DisplayInfo,
): WindowPlacement & { restored: boolean } {
  const key = arrangementKey(displays);
  for (const candidate of [saved.arrangements[key], saved.last ? saved.arrangements[saved.last] : undefined]) {
    if (candidate && isVisibleOn(candidate.bounds, displays)) return { ...candidate, bounds: { ...candidate.bounds }, restored: true };
  }
  return { ...centredDefault(primary), restored: false };
}

/** The state file with this placement remembered for the current arrangement. */
export function recordWindowPlacement(saved: WindowStateFile, displays: readonly DisplayInfo[], placement: WindowPlacement): WindowStateFile {
  const key = arrangementKey(displays);
  const arrangements = { ...saved.arrangements };
  delete arrangements[key];
  arrangements[key] = { bounds: { ...placement.bounds }, maximized: placement.maximized };
  const keys = Object.keys(arrangements);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_ARRANGEMENTS))) delete arrangements[old];
  return { version: 1, arrangements, last: key };
}

const isRect = (v: unknown): v is Rect => {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const int = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && Math.abs(n) < 1e6;
  return int(r.x) && int(r.y) && int(r.width) && int(r.height) && (r.width as number) >= MIN_WINDOW_SIZE.width && (r.height as number) >= MIN_WINDOW_SIZE.height;
};

/** Whatever the file held: a hand-edited or damaged file only costs the remembered placement. */
export function parseWindowState(value: unknown): WindowStateFile {
  const out = emptyWindowState();
  if (typeof value !== 'object' || value === null) return out;
  const v = value as { version?: unknown; arrangements?: unknown; last?: unknown };
  if (v.version !== 1 || typeof v.arrangements !== 'object' || v.arrangements === null) return out;
  for (const [key, entry] of Object.entries(v.arrangements as Record<string, unknown>).slice(-MAX_ARRANGEMENTS)) {
    const e = entry as { bounds?: unknown; maximized?: unknown } | null;
    if (e && isRect(e.bounds) && typeof e.maximized === 'boolean') out.arrangements[key] = { bounds: { ...e.bounds }, maximized: e.maximized };
  }
  if (typeof v.last === 'string' && v.last in out.arrangements) out.last = v.last;
  return out;
}
