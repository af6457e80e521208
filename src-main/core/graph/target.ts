// Validates and normalises what the analyst typed: a host (IPv4, IPv6 or hostname), a port, or a pasted
// host port id. The reading of host and port text is the one the renderer's form uses (shared/host-port-input);
// here every rejection becomes an 'invalidInput' failure whose message says exactly what is wrong.
import { hostPortIdProblem } from '../../../src-shared/host-port-id';
import { ENTER_PORT, parseHostInput, parseLookupInput, parsePortInput, type HostKind } from '../../../src-shared/host-port-input';
import { fail } from '../failure';

export type { HostKind } from '../../../src-shared/host-port-input';

export interface NormalisedHost {
  /** The form sent to Graph: IPv4 dotted quad, IPv6 compressed lower-case without brackets, or an ASCII (punycode) hostname. */
  host: string;
  kind: HostKind;
}

export type LookupTarget =
  | { kind: 'hostPort'; host: string; hostKind: HostKind; port: number; notes: string[] }
  | { kind: 'id'; hostPortId: string; notes: string[] };

/** A host on its own: a port written in it is refused (it belongs in Port); a URL's scheme-default port is ignored. */
export function normaliseHost(input: unknown): NormalisedHost {
  const r = parseHostInput(input);
  if (!r.ok) throw fail('invalidInput', r.error);
  if (r.hostPortId !== undefined) throw fail('invalidInput', 'That is a Graph link to one host port; put it in Host port ID, not Host.');
  if (r.portFrom === 'written') {
    throw fail('invalidInput', `Host ${quote(String(input).trim())} includes a port; put ${quote(r.host)} in Host and ${r.port} in Port.`);
  }
  return { host: r.host, kind: r.kind };
}

/** Host and port as the form sends them; the host text may carry the port (a URL, host:port, "host port"). */
export function normaliseLookupTarget(host: unknown, port: unknown): LookupTarget {
  const r = parseLookupInput({ host, port });
  if (!r.ok) throw fail('invalidInput', r.error);
  if (r.hostPortId !== undefined) {
    const problem = hostPortIdProblem(r.hostPortId);
    if (problem) throw fail('invalidInput', problem);
    return { kind: 'id', hostPortId: r.hostPortId, notes: r.notes };
  }
  if (r.port === undefined) throw fail('invalidInput', ENTER_PORT);
  return { kind: 'hostPort', host: r.host, hostKind: r.kind, port: r.port, notes: r.notes };
}

export function normalisePort(input: unknown): number {
  const r = parsePortInput(input);
  if (!r.ok) throw fail('invalidInput', r.error);
  return r.port;
}

/**
 * A pasted id is opaque: trimmed, never decoded or re-encoded here (the client encodes it for the URL path).
 * Ids that cannot be one safe path segment are refused before any token is fetched (see shared/host-port-id).
 */
export function normaliseHostPortId(input: unknown): string {
  if (typeof input !== 'string') throw fail('invalidInput', 'Enter a host port ID.');
  const id = input.trim();
  const problem = hostPortIdProblem(id);
  if (problem) throw fail('invalidInput', problem);
  return id;
}

/**
 * The id segment for a URL path; ids may contain '=', '/' and '+', which must not split or alter the path.
 * Refuses what normaliseHostPortId refuses, so no caller can build a dot-segment or an unencodable URL.
 */
export function hostPortIdPathSegment(id: string): string {
  const problem = hostPortIdProblem(id);
  if (problem) throw fail('invalidInput', problem);
  return encodeURIComponent(id);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
