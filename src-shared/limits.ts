// Size limits shared by the contract's schemas and the history store.

/**
 * Longest hostPort id the history stores and finds again. A pasted id is held to the shorter limit in
 * host-port-id.ts (it has to fit in a request URL), but an id Graph itself returns (resolving host:port) is opaque
 * and undocumented in length: its answer must still be saved, listed, opened and deleted.
 */
export const SAVED_HOST_PORT_ID_MAX = 4096;
