// The hostPort properties $select may name (the documented hostPort properties, plus host and
// mostRecentSslCertificate; never a nested path). No runtime dependencies: the contract, the Graph
// parser and the renderer's field picker all read this one list.
export const HOSTPORT_SELECTABLE = [
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
] as const;
export type SelectableField = (typeof HOSTPORT_SELECTABLE)[number];
