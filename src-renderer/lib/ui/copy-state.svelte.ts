// Feedback for one Copy button: "Copied" for a moment, or why copying failed.
export type CopyStatus = 'idle' | 'copied' | 'failed';

export class CopyFeedback {
  #status = $state<CopyStatus>('idle');
  #timer: ReturnType<typeof setTimeout> | undefined;

  get status(): CopyStatus {
    return this.#status;
  }

  async copy(text: string): Promise<void> {
    clearTimeout(this.#timer);
    try {
      await navigator.clipboard.writeText(text);
      this.#status = 'copied';
    } catch {
      this.#status = 'failed';
    }
    this.#timer = setTimeout(() => (this.#status = 'idle'), 2000);
  }
}
