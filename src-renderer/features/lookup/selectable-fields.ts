// A copy of HOSTPORT_SELECTABLE from src-main/ipc/contract.ts: the renderer may import types only.
// The type check below fails the build if the two lists ever drift apart.
import type { SelectableField } from '../../../src-main/ipc/contract';

export const SELECTABLE_FIELDS = [
  'id',
  'port',
  'protocol',
  'status',
  'firstSeenDateTime',
  'lastSeenDateTime',
  'lastScanDateTime',
  'timesObserved',
  'banners',
  'services',
  'host',
  'mostRecentSslCertificate',
] as const satisfies readonly SelectableField[];

type Local = (typeof SELECTABLE_FIELDS)[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _inSync: Same<Local, SelectableField> = true;
void _inSync;
