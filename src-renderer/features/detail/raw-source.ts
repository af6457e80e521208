// Where the detail's raw JSON comes from: a saved snapshot carries its body; a fresh lookup's result does not
// (main holds it, and the body would double what crosses the bridge), so it is asked for when it is wanted. If
// main has let it go, a saved lookup's body is read back from History.
import type { Channel, RequestOf, ResponseOf } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/views';
import type { DetailInput } from './detail-input';

export interface RawSource {
  /** Length of the body in characters, known before it is loaded. */
  chars: number;
  /** The body, when the detail already holds it. */
  text: string | null;
  load(): Promise<Result<string>>;
}

/** lib/api's call, passed in so this reads without a window (and tests answer for main). */
export type Invoke = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

export function rawSourceOf(detail: DetailInput, invoke: Invoke): RawSource {
  const raw = detail.raw;
  if (raw !== undefined) return { chars: raw.length, text: raw, load: async () => ({ ok: true, value: raw }) };
  const { rawId, snapshotId } = detail;
  return {
    chars: detail.rawChars ?? 0,
    text: null,
    async load() {
      const held = rawId ? await invoke('lookup:raw', { rawId }) : null;
      if (held?.ok) return { ok: true, value: held.value.raw };
      if (snapshotId && (held === null || held.error.kind === 'notFound')) {
        const saved = await invoke('history:get', { snapshotId });
        if (saved.ok) return { ok: true, value: saved.value.raw };
      }
      return held ?? { ok: false, error: { kind: 'notFound', message: 'This result has no raw response to show.' } };
    },
  };
}
