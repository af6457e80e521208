// Where the detail's raw JSON comes from: a saved snapshot carries its body; a fresh lookup's result does not
// (main holds it, and the body would double what crosses the bridge), so it is asked for when it is wanted. If
// main has let it go, a saved lookup's body is read back from History.
import type { Channel, RequestOf, ResponseOf } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/views';
import type { DetailInput } from './detail-input';

/** A body at hand, or one to ask for; either way its length is known before it is loaded. */
export type RawSource = { chars: number; text: string } | { chars: number; text: null; load(): Promise<Result<string>> };

/** lib/api's call, passed in so this reads without a window (and tests answer for main). */
export type Invoke = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

export function rawSourceOf(detail: DetailInput, invoke: Invoke): RawSource {
  const raw = detail.raw;
  if (raw !== undefined) return { chars: raw.length, text: raw };
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
