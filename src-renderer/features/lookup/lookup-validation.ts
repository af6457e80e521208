// Client-side checks that give quick feedback. Main validates again and is the authority.

export interface LookupInput {
  host: string;
  port: string;
  hostPortId: string;
}

export interface LookupProblems {
  host?: string;
  port?: string;
  hostPortId?: string;
  form?: string;
}

export type LookupTarget = { kind: 'hostPort'; host: string; port: number } | { kind: 'id'; hostPortId: string };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

export function normaliseHost(host: string): string {
  const h = host.trim();
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

export function isPlausibleHost(host: string): boolean {
  if (IPV4.test(host)) return true;
  if (host.includes(':')) return IPV6.test(host) && host.split(':').length >= 3 && host.split(':').length <= 9;
  // All-numeric dotted names that are not valid IPv4 (e.g. 999.1.1.1) are typos, not hostnames.
  if (/^[\d.]+$/.test(host)) return false;
  return HOSTNAME.test(host);
}

/** Splits "1.2.3.4:21", "example.com:443" or "[2001:db8::1]:22" typed into the Host field. */
export function splitHostPort(value: string): { host: string; port: string } | null {
  const v = value.trim();
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(v);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ?? '' };
  const plain = /^([^:\s]+):(\d{1,5})$/.exec(v);
  if (plain) return { host: plain[1] ?? '', port: plain[2] ?? '' };
  return null;
}

export function validateLookup(input: LookupInput): { problems: LookupProblems; target: LookupTarget | null } {
  const problems: LookupProblems = {};
  let host = input.host.trim();
  let port = input.port.trim();
  const id = input.hostPortId.trim();

  if (id && (host || port)) {
    return { problems: { form: 'Use either a host and a port, or a host port ID, not both.' }, target: null };
  }
  if (id) {
    if (id.length > 512) problems.hostPortId = 'A host port ID is at most 512 characters.';
    else if (/\s/.test(id)) problems.hostPortId = 'A host port ID has no spaces.';
    return { problems, target: problems.hostPortId ? null : { kind: 'id', hostPortId: id } };
  }
  if (!host && !port) {
    return { problems: { form: 'Enter a host and a port, or a host port ID.' }, target: null };
  }
  if (host && !port) {
    const split = splitHostPort(host);
    if (split) ({ host, port } = split);
  }
  host = normaliseHost(host);
  if (!host) problems.host = 'Enter a host: an IPv4 or IPv6 address, or a hostname.';
  else if (host.length > 300 || !isPlausibleHost(host)) problems.host = 'This does not look like an IP address or a hostname.';
  if (!port) problems.port = 'Enter a port, 1–65535.';
  else if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) problems.port = 'Use a whole number, 1–65535.';
  if (problems.host || problems.port) return { problems, target: null };
  return { problems, target: { kind: 'hostPort', host, port: Number(port) } };
}
