// Settings › Appearance on the page: data-theme on <html> picks the palette in app.css. System leaves the
// attribute off, so the stylesheet follows prefers-color-scheme (which in the app follows nativeTheme).
import type { ThemeChoice } from '../../src-main/shared/contract';

export function applyTheme(choice: ThemeChoice, root: { dataset: DOMStringMap } = document.documentElement): void {
  if (choice === 'light' || choice === 'dark') root.dataset.theme = choice;
  else delete root.dataset.theme;
}
