// Size limits shared by the contract's schemas and the history store.

/**
 * Longest hostPort id the history stores and finds again. A pasted id is held to the shorter limit in
 * host-port-id.ts (it has to fit in a request URL), but an id Graph itself returns (resolving host:port) is opaque
 * and undocumented in length: its answer must still be saved, listed, opened and deleted.
 */
export const SAVED_HOST_PORT_ID_MAX = 4096;

/**
 * Largest Graph response accepted. A hostPort is usually kilobytes, but a CDN edge or a scanner's favourite port
 * collects tens of thousands of banners (50,000 realistic banners are about 22 MB); much more than this is damage
 * or hostility, and would cost the memory to hold it.
 */
export const GRAPH_RESPONSE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Longest line an NDJSON history import keeps: one snapshot record holds the response's text (escaped, up to about
 * 1.3 times its size) and its parsed view (about its size again), so twice the response limit plus headroom. A
 * longer line is damage, and keeping it would cost the memory.
 */
export const HISTORY_RECORD_MAX_CHARS = 3 * GRAPH_RESPONSE_MAX_BYTES;
