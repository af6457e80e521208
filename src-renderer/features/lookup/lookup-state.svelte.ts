// The lookup form and the lookup in flight: inputs, client-side problems, and the last result or error.
import type { LinkTarget, LookupResultView, PortolanError, SelectableField } from '../../../src-shared/contract';
import { call, newRequestId } from '../../lib/api';
import { withAllBanners } from './all-banners';
import { SELECTABLE_FIELDS } from './selectable-fields';
import { tidyHostField, validateLookup, type LookupProblems } from './lookup-validation';

export type LookupPhase = 'idle' | 'loading' | 'done' | 'error';

export class LookupState {
  // The form's fields: bound straight to the inputs.
  host = $state('');
  port = $state('');
  hostPortId = $state('');
  expandCertificate = $state(true);

  #selected = $state<SelectableField[]>([...SELECTABLE_FIELDS]);
  #attempted = $state(false);

  #phase = $state<LookupPhase>('idle');
  #result = $state.raw<LookupResultView | null>(null);
  #error = $state.raw<PortolanError | null>(null);
  #notice = $state<string | null>(null);
  #requestId: string | null = null;
  #startedAt = $state(0);
  /** What tidying the Host field changed, shown while the field still holds the tidied text. */
  #hostNotes = $state.raw<readonly string[]>([]);
  #notedHost = $state<string | null>(null);

  #validation = $derived(validateLookup({ host: this.host, port: this.port, hostPortId: this.hostPortId }));

  get hostNotes(): readonly string[] {
    return this.#notedHost === this.host ? this.#hostNotes : [];
  }
  get selected(): readonly SelectableField[] {
    return this.#selected;
  }
  get allSelected(): boolean {
    return this.#selected.length === SELECTABLE_FIELDS.length;
  }

  /** Problems are shown only once the analyst has tried to submit, so typing is not interrupted. */
  get problems(): LookupProblems {
    return this.#attempted ? this.#validation.problems : {};
  }
  get phase(): LookupPhase {
    return this.#phase;
  }
  get loading(): boolean {
    return this.#phase === 'loading';
  }
  get result(): LookupResultView | null {
    return this.#result;
  }
  get error(): PortolanError | null {
    return this.#error;
  }
  get notice(): string | null {
    return this.#notice;
  }
  get startedAt(): number {
    return this.#startedAt;
  }

  isSelected(field: SelectableField): boolean {
    return this.#selected.includes(field);
  }
  toggleField(field: SelectableField, on: boolean): void {
    const next = this.#selected.filter((f) => f !== field);
    if (on) next.push(field);
    // Keep the contract's order, so the request line reads the same way every time.
    this.#selected = SELECTABLE_FIELDS.filter((f) => next.includes(f));
  }
  selectAll(on: boolean): void {
    this.#selected = on ? [...SELECTABLE_FIELDS] : [];
  }

  #portListHost: string | null = null;

  /** A port picked from the host's port list on screen: looked up by its id (tcp or udp), the list read again. */
  lookUpFromList(host: string, hostPortId: string): Promise<void> {
    this.host = '';
    this.port = '';
    this.hostPortId = hostPortId;
    this.#portListHost = host;
    return this.submit();
  }

  /** Fills the form with a host and port (demo chips, history) and looks it up. */
  lookUpTarget(host: string, port: number): Promise<void> {
    this.host = host;
    this.port = String(port);
    this.hostPortId = '';
    return this.submit();
  }

  /**
   * A portolan:// link main has validated: fills the form as the analyst would and looks it up. A lookup
   * still running is cancelled and its answer ignored, since the link is the newer request.
   */
  lookUpLink(target: LinkTarget): Promise<void> {
    if (target.kind === 'id') {
      this.host = '';
      this.port = '';
      this.hostPortId = target.hostPortId;
    } else {
      this.host = target.host;
      this.port = String(target.port);
      this.hostPortId = '';
    }
    if (this.#phase === 'loading') {
      void this.cancel();
      this.#requestId = null;
      this.#phase = this.#result ? 'done' : this.#error ? 'error' : 'idle';
    }
    return this.submit();
  }

  /**
   * After a paste into Host, or when it loses focus: a pasted URL, host:port or defanged indicator becomes
   * the host that will be looked up, its port goes to Port, and the notes say what changed.
   */
  tidyHost(): void {
    const tidied = tidyHostField({ host: this.host, port: this.port, hostPortId: this.hostPortId });
    if (!tidied) return;
    this.host = tidied.host;
    this.port = tidied.port;
    this.hostPortId = tidied.hostPortId;
    this.#hostNotes = tidied.notes;
    this.#notedHost = tidied.host;
  }

  async submit(): Promise<void> {
    this.tidyHost();
    this.#attempted = true;
    const target = this.#validation.target;
    if (!target || this.#phase === 'loading') return;
    if (this.#selected.length === 0) {
      this.#error = null;
      this.#notice = 'Choose at least one field, or all of them.';
      return;
    }
    const requestId = newRequestId();
    this.#requestId = requestId;
    this.#phase = 'loading';
    this.#notice = null;
    this.#startedAt = Date.now();
    const select = this.allSelected ? undefined : [...this.#selected];
    const listHost = this.#portListHost;
    this.#portListHost = null;
    const request =
      target.kind === 'id'
        ? { requestId, hostPortId: target.hostPortId, ...(listHost ? { portListHost: listHost } : {}), select, expandCertificate: this.expandCertificate }
        : { requestId, host: target.host, port: target.port, select, expandCertificate: this.expandCertificate };
    const first = await call('lookup:run', request);
    const r = first.ok && this.#requestId === requestId ? await withAllBanners(first.value, call) : first;
    if (this.#requestId !== requestId) return; // superseded
    this.#requestId = null;
    if (r.ok) {
      this.#result = r.value;
      this.#error = null;
      this.#phase = 'done';
    } else if (r.error.kind === 'cancelled') {
      this.#notice = 'Lookup cancelled.';
      this.#phase = this.#result ? 'done' : this.#error ? 'error' : 'idle';
    } else {
      this.#error = r.error;
      this.#phase = 'error';
    }
  }

  async cancel(): Promise<void> {
    const requestId = this.#requestId;
    if (!requestId) return;
    await call('lookup:cancel', { requestId });
  }

  retry(): Promise<void> {
    return this.submit();
  }
}
