// What an analyst pastes into the Host field, read the same way by the renderer (as they type) and by main
// (the authority, for lookup:run and portolan:// links): defanged indicators, URLs, host:port, [v6]:port,
// "host port", "host,port", quoted or <bracketed> text. The result says what was changed, in notes the form
// shows, or why the text cannot be looked up. Runs in the browser too: no Node built-ins. The WHATWG URL
// class (in both) does the IDNA (punycode) step; IPv4 and IPv6 are parsed here, strictly.

import { ENTER_HOST, parseBareHost, parseIPv6, quote, type HostKind } from './host-address';

export { ENTER_HOST, type HostKind };

/** Where a port found in the host text came from: written in it, or implied by a URL's scheme. */
export type PortFrom = 'written' | 'scheme';

export interface HostTarget {
  /** As sent to Graph: dotted-quad IPv4, compressed lower-case IPv6 without brackets, or a lower-case ASCII hostname. */
  host: string;
  kind: HostKind;
  port?: number;
  portFrom?: PortFrom;
  hostPortId?: undefined;
  /** What was changed to get here, as sentences for the analyst. */
  notes: string[];
}

export interface IdTarget {
  /** From a pasted Graph URL of one hostPort (…/threatIntelligence/hostPorts/{id}). */
  hostPortId: string;
  host?: undefined;
  kind?: undefined;
  port?: undefined;
  portFrom?: undefined;
  notes: string[];
}

export type HostInputResult = ({ ok: true } & (HostTarget | IdTarget)) | { ok: false; field: 'host' | 'port'; error: string };
export type PortInputResult = { ok: true; port: number; notes: string[] } | { ok: false; error: string };

export const ENTER_PORT = 'Enter a port between 1 and 65535.';

/** Longest Host text accepted (a pasted URL may carry a long path that is then dropped). */
export const MAX_HOST_INPUT_LENGTH = 2048;

/** Ports a URL's scheme implies when it names none (the scheme's registered default). */
const SCHEME_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  ftp: 21,
  ftps: 990,
  sftp: 22,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  smtps: 465,
  imap: 143,
  imaps: 993,
  pop3: 110,
  pop3s: 995,
  ldap: 389,
  ldaps: 636,
  rdp: 3389,
  vnc: 5900,
  smb: 445,
  mysql: 3306,
  postgres: 5432,
  postgresql: 5432,
  redis: 6379,
  mongodb: 27017,
};

const GRAPH_HOSTPORT_PATH = /\/security\/threatIntelligence\/hostPorts\/([^/?#]+)\/?$/i;
const GRAPH_HOST_PATH = /\/security\/threatIntelligence\/hosts\/([^/?#]+)(\/[^?#]*)?$/i;

const hostError = (error: string): HostInputResult => ({ ok: false, field: 'host', error });

// ---------------------------------------------------------------------------------------------- ports

/** A port typed on its own (the Port field, a link's port parameter, a number over IPC). */
export function parsePortInput(input: unknown): PortInputResult {
  if (input === undefined || input === null) return { ok: false, error: ENTER_PORT };
  if (typeof input === 'number') return checkPortNumber(input, String(input), []);
  if (typeof input !== 'string') return { ok: false, error: ENTER_PORT };
  const text = input.trim();
  if (text === '') return { ok: false, error: ENTER_PORT };
  if (/^[+-]?\d+(\.\d*)?$/.test(text) && text.includes('.')) {
    return { ok: false, error: `Port ${quote(text)} is not a whole number; use 1 to 65535.` };
  }
  if (/^-\d+$/.test(text)) return { ok: false, error: `Port ${text} is negative; use 1 to 65535.` };
  if (!/^\d+$/.test(text)) return { ok: false, error: `Port ${quote(text)} is not a number; use digits only, 1 to 65535.` };
  const n = Number(text);
  const notes = /^0\d/.test(text) && n > 0 && n <= 65535 ? [`Port ${quote(text)} read as ${n}.`] : [];
  return checkPortNumber(n, text, notes);
}

function checkPortNumber(n: number, shown: string, notes: string[]): PortInputResult {
  if (!Number.isFinite(n)) return { ok: false, error: `Port ${shown} is not a number; use 1 to 65535.` };
  if (!Number.isInteger(n)) return { ok: false, error: `Port ${shown} is not a whole number; use 1 to 65535.` };
  // Port 0 is a wildcard for programs asking the OS for any port; no scan observes a service on it.
  if (n === 0) return { ok: false, error: 'Port 0 is not a real port (it means "any port" to a program and is never observed open); use 1 to 65535.' };
  if (n < 0) return { ok: false, error: `Port ${n} is negative; use 1 to 65535.` };
  if (n > 65535) return { ok: false, error: `Port ${n > 1e9 ? shown.slice(0, 12) + '…' : n} is above 65535, the highest port number.` };
  return { ok: true, port: n, notes };
}

// ------------------------------------------------------------------------------------------ the field

function unwrap(text: string, notes: string[]): string {
  const pairs: [string, string, string][] = [
    ['"', '"', 'quotes'],
    ["'", "'", 'quotes'],
    ['\u201c', '\u201d', 'quotes'],
    ['\u2018', '\u2019', 'quotes'],
    ['`', '`', 'quotes'],
    ['<', '>', 'angle brackets'],
  ];
  const removed = new Set<string>();
  let out = text;
  for (let changed = true; changed && out.length >= 2; ) {
    changed = false;
    for (const [open, close, what] of pairs) {
      if (out.length >= 2 && out.startsWith(open) && out.endsWith(close)) {
        out = out.slice(open.length, -close.length).trim();
        removed.add(what);
        changed = true;
      }
    }
  }
  for (const what of removed) notes.push(`Surrounding ${what} removed.`);
  return out;
}

function refang(text: string, notes: string[]): string {
  let out = text;
  const scheme = /^(hxxps?|hxxp|fxp)(\[?:\]?\/\/|:\/\/)/i.exec(out);
  if (scheme) {
    const real = (scheme[1] ?? '').toLowerCase().replace('hxxp', 'http').replace('fxp', 'ftp');
    out = `${real}://${out.slice(scheme[0].length)}`;
    notes.push(`Defanged scheme ${(scheme[1] ?? '').toLowerCase()} read as ${real}.`);
  }
  const dots = out.replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.');
  if (dots !== out) notes.push('Defanged brackets removed ([.] and the like read as ".").');
  out = dots;
  const colons = out.replace(/\[:\]|\(:\)|\{:\}/g, ':');
  if (colons !== out) notes.push('Defanged [:] read as ":".');
  return colons;
}

/**
 * One Host field's text → a host (with the port it carries, if any) or a Graph hostPort id, with notes, or
 * a specific error. A bare host comes back with port undefined: callers that need a port say so.
 */
export function parseHostInput(input: unknown): HostInputResult {
  if (typeof input !== 'string') return hostError(ENTER_HOST);
  if (input.length > MAX_HOST_INPUT_LENGTH) return hostError(`The host is ${input.length} characters long; at most ${MAX_HOST_INPUT_LENGTH} are accepted.`);
  const notes: string[] = [];
  let text = input.trim();
  const visible = text.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '');
  if (visible !== text) notes.push('Invisible characters removed.');
  text = unwrap(visible, notes);
  if (text === '') return hostError(ENTER_HOST);
  text = refang(text, notes);
  // A tab is whitespace (host and port copied from two spreadsheet cells); other control characters are not.
  if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(text)) return hostError(`Host ${quote(text)} contains a control character (such as a line break); enter one host.`);

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) return fromUrl(text, (scheme[1] ?? '').toLowerCase(), text.slice(scheme[0].length), notes);

  // "host port" and "host,port": two parts, the second a port.
  const pair = /^(\S+?)\s*,\s*(\S+)$/.exec(text) ?? /^(\S+)\s+([+-]?\d\S*)$/.exec(text);
  if (pair) {
    const separated = fromAuthority(pair[1] ?? '', notes, 'the host');
    if (!separated.ok || separated.hostPortId !== undefined) return separated;
    const port = parsePortInput(pair[2]);
    if (!port.ok) return { ok: false, field: 'host', error: port.error };
    if (separated.port !== undefined && separated.port !== port.port) {
      return hostError(`Host ${quote(text)} names two ports, ${separated.port} and ${port.port}; keep one.`);
    }
    const how = text.includes(',') ? 'after the comma' : 'after the space';
    return { ...separated, port: port.port, portFrom: 'written', notes: [...separated.notes.filter((n) => !n.startsWith('Port ')), ...port.notes, `Port ${port.port} taken from ${how}.`] };
  }
  if (/\s/.test(text)) return hostError(`Host ${quote(text)} contains spaces; enter a single address or hostname (a port may follow after one space).`);
  if (text.includes('@')) return hostError(`Host ${quote(text)} contains "@" and looks like an e-mail address; enter only the address or hostname.`);

  // A scheme-less URL ("example.com/path"): the host is what comes before the path.
  const cut = text.search(/[/\\?#]/);
  if (cut >= 0) {
    const authority = text.slice(0, cut);
    const rest = text.slice(cut);
    if (/^\/\d{1,3}$/.test(rest) && (authority.includes(':') || /^[0-9.]+$/.test(authority))) {
      return hostError(`Host ${quote(text)} is a network range (CIDR); enter one address.`);
    }
    if (authority === '') return hostError(`Host ${quote(text)} names no host before the path.`);
    if (rest !== '/') notes.push(`Path, query or fragment ${quote(rest)} dropped.`);
    return fromAuthority(authority, notes, 'the host');
  }
  return fromAuthority(text, notes, 'the host');
}

function fromUrl(text: string, scheme: string, afterScheme: string, notes: string[]): HostInputResult {
  const cut = afterScheme.search(/[/\\?#]/);
  let authority = cut < 0 ? afterScheme : afterScheme.slice(0, cut);
  const rest = cut < 0 ? '' : afterScheme.slice(cut);

  const graphId = GRAPH_HOSTPORT_PATH.exec(rest.replace(/[?#].*$/, ''));
  if (graphId) {
    const id = safeDecode(graphId[1] ?? '');
    if (id === null || id === '') return hostError('The pasted Graph link has a broken host port ID.');
    return { ok: true, hostPortId: id, notes: [...notes, 'Host port ID taken from the Graph link.'] };
  }
  const graphHost = GRAPH_HOST_PATH.exec(rest.replace(/[?#].*$/, ''));
  if (graphHost) {
    const host = safeDecode(graphHost[1] ?? '');
    if (host === null) return hostError('The pasted Graph link has a broken host.');
    const found = fromAuthority(host, [...notes, 'Host taken from the Graph link.'], 'the Graph link');
    if (found.ok && found.port !== undefined) return hostError('The host in the pasted Graph link carries a port; enter the host and port separately.');
    return found;
  }

  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    authority = authority.slice(at + 1);
    notes.push('User name and password in the URL dropped.');
  }
  if (authority === '') return hostError(`The URL ${quote(text)} names no host.`);
  if (rest !== '' && rest !== '/') notes.push(`Path, query or fragment ${quote(rest.length > 40 ? `${rest.slice(0, 40)}…` : rest)} of the URL dropped.`);
  const found = fromAuthority(authority, notes, 'the URL');
  if (!found.ok || found.hostPortId !== undefined || found.port !== undefined) return found;
  const implied = SCHEME_PORTS[scheme];
  if (implied === undefined) return found;
  return { ...found, port: implied, portFrom: 'scheme', notes: [...found.notes, `Port ${implied} assumed: the default port of ${scheme}://.`] };
}

/** host, host:port, [v6], [v6]:port or a bare IPv6 address. */
function fromAuthority(text: string, notes: string[], source: string): HostInputResult {
  let hostText = text;
  let portText: string | null = null;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const after = close < 0 ? '' : text.slice(close + 1);
    if (close < 0 || (after !== '' && !after.startsWith(':'))) return hostError(`Host ${quote(text)} is not a valid IPv6 address in brackets.`);
    hostText = text.slice(1, close);
    if (after !== '') portText = after.slice(1);
    if (!hostText.includes(':')) return hostError(`Host ${quote(text)} is not a valid IPv6 address in brackets.`);
  } else if (text.endsWith(']')) {
    return hostError(`Host ${quote(text)} is not a valid IPv6 address in brackets.`);
  } else {
    const colons = text.split(':').length - 1;
    if (colons === 1) {
      hostText = text.slice(0, text.indexOf(':'));
      portText = text.slice(text.indexOf(':') + 1);
    } else if (colons > 1 && parseIPv6(text) === null && !text.includes('%')) {
      const last = text.lastIndexOf(':');
      if (/^\d+$/.test(text.slice(last + 1)) && parseIPv6(text.slice(0, last))) {
        return hostError(`Host ${quote(text)} is not a valid IPv6 address; to give a port with an IPv6 address write [${text.slice(0, last)}]:${text.slice(last + 1)}.`);
      }
    }
  }
  const host = parseBareHost(hostText);
  if (!host.ok) return hostError(host.error);
  const out: HostTarget = { host: host.host, kind: host.kind, notes: [...notes, ...host.notes] };
  if (portText === null || portText === '') {
    if (portText === '') out.notes.push('Empty port after ":" ignored.');
    return { ok: true, ...out };
  }
  const port = parsePortInput(portText);
  if (!port.ok) return hostError(port.error);
  return { ok: true, ...out, port: port.port, portFrom: 'written', notes: [...out.notes, ...port.notes, `Port ${port.port} taken from ${source}.`] };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------ host and port

export type LookupInputResult =
  | ({ ok: true } & (HostTarget | IdTarget))
  | { ok: false; field: 'host' | 'port'; error: string };

/**
 * The Host and Port fields together (the form, lookup:run, a link). The Port field wins over a port a URL's
 * scheme implies; a port written in the host must agree with it. A missing port stays undefined.
 */
export function parseLookupInput(fields: { host: unknown; port?: unknown }): LookupInputResult {
  const found = parseHostInput(fields.host);
  if (!found.ok) return found;
  const portBlank = fields.port === undefined || fields.port === null || (typeof fields.port === 'string' && fields.port.trim() === '');
  if (found.hostPortId !== undefined) {
    if (!portBlank) return { ok: false, field: 'port', error: 'The pasted Graph link names one host port (its port included); clear Port.' };
    return found;
  }
  if (portBlank) return found;
  const port = parsePortInput(fields.port);
  if (!port.ok) return { ok: false, field: 'port', error: port.error };
  if (found.portFrom === 'written' && found.port !== port.port) {
    return { ok: false, field: 'port', error: `The host names port ${found.port} but Port says ${port.port}; keep one.` };
  }
  const notes = found.portFrom === 'scheme' ? found.notes.filter((n) => !n.startsWith(`Port ${found.port} assumed`)) : found.notes;
  return { ok: true, host: found.host, kind: found.kind, port: port.port, notes: [...notes, ...port.notes] };
}

/**
 * The key two spellings of one host share (2001:DB8:0:0:0:0:0:1 and 2001:db8::1, bücher.de and
 * xn--bcher-kva.de), for finding saved snapshots by host. Text that is not a host keeps its lower-case self.
 */
export function hostKey(host: string): string {
  const r = parseHostInput(host);
  return r.ok && r.host !== undefined && r.portFrom !== 'written' ? r.host : host.trim().toLowerCase();
}
