// Settings › Appearance on the page: data-theme on <html> picks the palette in app.css. System leaves the
// attribute off, so the stylesheet follows prefers-color-scheme (which in the app follows nativeTheme).
import type { ThemeChoice } from '../../src-shared/contract';

/** The part of <html> this touches (its dataset), so the rule is testable without a DOM. */
export interface ThemeRoot {
  dataset: Record<string, string | undefined>;
}

const documentRoot = (): ThemeRoot => (globalThis as unknown as { document: { documentElement: ThemeRoot } }).document.documentElement;

export function applyTheme(choice: ThemeChoice, root: ThemeRoot = documentRoot()): void {
  if (choice === 'light' || choice === 'dark') root.dataset.theme = choice;
  else delete root.dataset.theme;
}
