// Feedback for one Copy button: "Copied" for a moment, or why copying failed.
export class CopyFeedback {
  #status = $state<'idle' | 'copied' | 'failed'>('idle');
  #timer: ReturnType<typeof setTimeout> | undefined;

  get status(): 'idle' | 'copied' | 'failed' {
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
