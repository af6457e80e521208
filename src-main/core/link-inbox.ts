// The queue between "the OS handed us a portolan:// link" and "the renderer looked it up". Links can arrive
// before there is a window or a loaded page (macOS open-url at launch, a link in the first process's argv),
// so they wait here until the renderer pulls them with 'app:pendingLinks'; a data-less nudge tells a page
// that is already running to pull. Only validated targets and refusal messages are kept, never the raw link.
import type { PendingLinkView } from '../../src-shared/views';
import { parseDeepLink } from './deep-link';

/** A page that floods the OS with links cannot grow main's memory: the oldest are dropped. */
export const MAX_PENDING_LINKS = 8;

export interface LinkInbox {
  /** Validates the link and queues the outcome (refusals too, so the analyst learns why nothing happened). */
  offer(url: string): PendingLinkView;
  /** Everything queued, oldest first; the queue is then empty. */
  take(): PendingLinkView[];
  /** Called after every offer; returns an unsubscribe function. */
  onAvailable(listener: () => void): () => void;
}

export function createLinkInbox(): LinkInbox {
  let pending: PendingLinkView[] = [];
  const listeners = new Set<() => void>();
  return {
    offer(url) {
      const parsed = parseDeepLink(url);
      const entry: PendingLinkView = parsed.ok ? { ok: true, target: parsed.target } : { ok: false, message: parsed.message };
      pending.push(entry);
      if (pending.length > MAX_PENDING_LINKS) pending = pending.slice(-MAX_PENDING_LINKS);
      for (const listener of [...listeners]) listener();
      return entry;
    },
    take() {
      const out = pending;
      pending = [];
      return out;
    },
    onAvailable(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
