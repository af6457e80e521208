// One copy feedback for many Copy buttons (the rows of a table): which button was used, and one status region for
// the whole table instead of one per row, so a row costs a button and nothing else.
import { CopyFeedback, type CopyStatus } from './copy-state.svelte';

export class SharedCopyFeedback {
  readonly #feedback = new CopyFeedback();
  #key = $state<string | null>(null);

  /** The status of the button named `key` (idle unless it was the last one used). */
  statusOf(key: string): CopyStatus {
    return this.#key === key ? this.#feedback.status : 'idle';
  }
  /** For the one status region: what happened to the last copy. */
  get status(): CopyStatus {
    return this.#feedback.status;
  }
  copy(key: string, text: string): Promise<void> {
    this.#key = key;
    return this.#feedback.copy(text);
  }
}

/** The words of a Copy button and of the status region, in one place. */
export const copyLabel = (status: CopyStatus, label = 'Copy'): string => (status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : label);
export const copyAnnouncement = (status: CopyStatus): string => (status === 'copied' ? 'Copied to the clipboard' : status === 'failed' ? 'Could not copy' : '');
