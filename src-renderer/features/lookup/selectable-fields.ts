// The field picker offers exactly what the contract accepts: one list, shared with main (it has no
// runtime dependencies, so the renderer bundle stays free of zod).
export { HOSTPORT_SELECTABLE as SELECTABLE_FIELDS } from '../../../src-shared/selectable';
