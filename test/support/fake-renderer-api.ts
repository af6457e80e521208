// A stand-in for src-renderer/lib/api in the state classes' tests: each channel answers what the test says,
// every call is recorded, and an answer can be held back to play out races (a superseded lookup, a late page).
import type { Channel, PortolanError, RequestOf, ResponseOf, Result } from '../../src-shared/contract';

type Answer<C extends Channel> = (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;

export interface Held<C extends Channel> {
  readonly request: RequestOf<C>;
  answer(result: Result<ResponseOf<C>>): void;
}

export class FakeApi {
  readonly calls: { channel: Channel; request: unknown }[] = [];
  #answers = new Map<Channel, Answer<Channel>>();
  #held = new Map<Channel, Held<Channel>[]>();
  #ids = 0;

  /** Every later call on this channel gets this answer. */
  on<C extends Channel>(channel: C, answer: Answer<C>): this {
    this.#answers.set(channel, answer as unknown as Answer<Channel>);
    return this;
  }

  /** Calls on this channel wait until the test answers them (see held()). */
  hold(channel: Channel): this {
    this.#held.set(channel, []);
    this.#answers.delete(channel);
    return this;
  }

  /** Calls waiting on a held channel, oldest first. */
  held<C extends Channel>(channel: C): Held<C>[] {
    return (this.#held.get(channel) ?? []) as unknown as Held<C>[];
  }

  requests<C extends Channel>(channel: C): RequestOf<C>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request as RequestOf<C>);
  }

  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    const waiting = this.#held.get(channel);
    if (waiting) {
      return new Promise((resolve) => {
        waiting.push({ request, answer: (r) => resolve(r as Result<ResponseOf<C>>) } as Held<Channel>);
      });
    }
    const answer = this.#answers.get(channel);
    if (!answer) return Promise.resolve({ ok: false, error: { kind: 'internal', message: `no fake answer for ${channel}` } });
    return Promise.resolve(answer(request as RequestOf<Channel>)) as Promise<Result<ResponseOf<C>>>;
  }

  newRequestId(): string {
    this.#ids += 1;
    return `req-${this.#ids}`;
  }
}

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = (error: PortolanError): { ok: false; error: PortolanError } => ({ ok: false, error });
