export { createGraphClient, type GraphClient, type GraphClientOptions, type HostPortQuery, type HostPortResult, type LookupInput, type ResolvedId } from './client';
export { CLOUDS, resolveCloud, threatIntelScope, normaliseServiceRoot, type CloudInfo, type CloudSettings, type NationalCloudId } from './clouds';
export { mapGraphError, readGraphError } from './errors';
export { parseHostPort, parseHostPortBody } from './parse';
export { backoffDelayMs, parseRetryAfterMs, throttleDelayMs, DEFAULT_BACKOFF } from './retry';
export { buildHostPortQuery, validateSelect } from './select';
export { normaliseHost, normalisePort, normaliseHostPortId } from './target';
export { parseIsoMs } from './timestamps';
