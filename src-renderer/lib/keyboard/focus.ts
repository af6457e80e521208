// Where focus goes after an action, so it never falls to the page body: the heading of what the action produced.
import { tick } from 'svelte';

/** Focuses the element with this id (a heading gets tabindex=-1 so it can hold focus without joining the Tab order). */
export function focusById(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  if (!el.hasAttribute('tabindex') && !(el instanceof HTMLInputElement || el instanceof HTMLButtonElement)) el.setAttribute('tabindex', '-1');
  el.focus();
  return document.activeElement === el;
}

/** After the DOM has caught up, focuses the first of these ids that exists; else the screen's h1. */
export async function focusAfterUpdate(...ids: string[]): Promise<void> {
  await tick();
  for (const id of ids) if (focusById(id)) return;
  const h1 = document.querySelector<HTMLElement>('main h1');
  if (h1) {
    if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    h1.focus();
  }
}

/** Keeps focus on the control that started an action (disabled while it ran) once the action is over. */
export async function refocusAfter(control: HTMLElement | null, action: Promise<unknown>, ...fallbackIds: string[]): Promise<void> {
  await action;
  await tick();
  if (document.activeElement && document.activeElement !== document.body) return;
  if (control?.isConnected && !(control as HTMLButtonElement).disabled) control.focus();
  else await focusAfterUpdate(...fallbackIds);
}

/** Focus is somewhere that takes typed characters, so printable shortcuts must leave the key alone. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/** Focuses the first heading inside a container (a result, an error panel). */
export function focusHeadingIn(container: HTMLElement | undefined | null): boolean {
  const h = container?.querySelector<HTMLElement>('h1, h2');
  if (!h) return false;
  if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
  h.focus();
  return document.activeElement === h;
}
