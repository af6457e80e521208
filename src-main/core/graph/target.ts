// Validates and normalises what the analyst typed: a host (IPv4, IPv6 or hostname), a port, or a pasted
// host port id. Every rejection is an 'invalidInput' failure whose message says exactly what is wrong.
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { hostPortIdProblem } from '../../shared/host-port-id';
import { fail } from '../failure';

export type HostKind = 'ipv4' | 'ipv6' | 'hostname';

export interface NormalisedHost {
  /** The form sent to Graph: IPv4 dotted quad, IPv6 compressed lower-case without brackets, or an ASCII (punycode) hostname. */
  host: string;
  kind: HostKind;
}

export function normaliseHost(input: unknown): NormalisedHost {
  if (typeof input !== 'string') throw fail('invalidInput', 'Enter a host: an IPv4 address, an IPv6 address or a hostname.');
  const text = input.trim();
  if (text === '') throw fail('invalidInput', 'Enter a host: an IPv4 address, an IPv6 address or a hostname.');
  const shown = quote(text);

  if (text.startsWith('[') || text.endsWith(']')) {
    const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : null;
    if (inner === null || !isIPv6(inner) || inner.includes('%')) {
      throw fail('invalidInput', `Host ${shown} is not a valid IPv6 address in brackets.`);
    }
    return { host: compressIPv6(inner), kind: 'ipv6' };
  }
  if (/\s/.test(text)) throw fail('invalidInput', `Host ${shown} contains spaces; enter a single address or hostname.`);
  if (text.includes('://') || text.includes('/') || text.includes('\\')) {
    throw fail('invalidInput', `Host ${shown} looks like a URL or path; enter only the address or hostname (e.g. example.com, not https://example.com/).`);
  }
  if (/[?#]/.test(text)) throw fail('invalidInput', `Host ${shown} contains "?" or "#"; enter only the address or hostname.`);
  if (text.includes('%')) {
    throw fail('invalidInput', `Host ${shown} contains "%"; percent-encoding and IPv6 zone ids (such as %eth0) are not accepted.`);
  }
  if (text.includes('@')) throw fail('invalidInput', `Host ${shown} contains "@"; enter only the address or hostname.`);

  if (text.includes(':')) {
    if (isIPv6(text)) return { host: compressIPv6(text), kind: 'ipv6' };
    const hostPort = /^([^:]+):(\d+)$/.exec(text);
    if (hostPort) {
      throw fail('invalidInput', `Host ${shown} includes a port; put ${quote(hostPort[1] ?? '')} in Host and ${hostPort[2]} in Port.`);
    }
    throw fail('invalidInput', `Host ${shown} is not a valid IPv6 address.`);
  }

  // Dotted digits are an IPv4 attempt, never a hostname (a top-level domain is never all digits).
  if (/^[0-9.]+$/.test(text)) {
    if (isIPv4(text)) return { host: text, kind: 'ipv4' };
    if (/(^|\.)0\d/.test(text)) {
      throw fail('invalidInput', `Host ${shown} has a leading zero in an IPv4 part, which is ambiguous (octal); write it without leading zeros.`);
    }
    throw fail('invalidInput', `Host ${shown} is not a valid IPv4 address (four numbers 0-255 separated by dots).`);
  }
  return { host: normaliseHostname(text, shown), kind: 'hostname' };
}

function normaliseHostname(text: string, shown: string): string {
  // A single trailing dot is the DNS root and means the same name.
  const withoutRoot = text.endsWith('.') && !text.endsWith('..') ? text.slice(0, -1) : text;
  let ascii = withoutRoot.toLowerCase();
  if (/[^\x00-\x7f]/.test(ascii)) {
    // Internationalised names go to Graph in their ASCII (punycode) form; domainToASCII rejects invalid IDNs with ''.
    ascii = domainToASCII(withoutRoot);
    if (ascii === '') throw fail('invalidInput', `Host ${shown} is not a valid internationalised hostname.`);
  }
  if (ascii.length > 253) throw fail('invalidInput', `Host ${shown} is longer than 253 characters, the limit for a hostname.`);
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label.length === 0) throw fail('invalidInput', `Host ${shown} has an empty label (two dots in a row, or a leading dot).`);
    if (label.length > 63) throw fail('invalidInput', `Host ${shown} has a label longer than 63 characters.`);
    if (!/^[a-z0-9-]+$/.test(label)) {
      const bad = [...label].find((c) => !/[a-z0-9-]/.test(c)) ?? '';
      throw fail('invalidInput', `Host ${shown} contains ${quote(bad)}; hostnames use only letters, digits, hyphens and dots.`);
    }
    if (label.startsWith('-') || label.endsWith('-')) {
      throw fail('invalidInput', `Host ${shown} has a label that starts or ends with a hyphen.`);
    }
  }
  return ascii;
}

/** WHATWG URL parsing compresses and lower-cases IPv6 (RFC 5952 style), which is what we want to send. */
function compressIPv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

export function normalisePort(input: unknown): number {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) {
    throw fail('invalidInput', 'Enter a port between 1 and 65535.');
  }
  let n: number;
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) throw fail('invalidInput', `Port ${String(input)} is not a whole number; use 1 to 65535.`);
    n = input;
  } else if (typeof input === 'string') {
    const text = input.trim();
    if (!/^\d+$/.test(text)) throw fail('invalidInput', `Port ${quote(text)} is not a number; use digits only, 1 to 65535.`);
    n = Number(text);
  } else {
    throw fail('invalidInput', 'Enter a port between 1 and 65535.');
  }
  if (n === 0) throw fail('invalidInput', 'Port 0 is not a real port; use 1 to 65535.');
  if (n < 0) throw fail('invalidInput', `Port ${n} is negative; use 1 to 65535.`);
  if (n > 65535) throw fail('invalidInput', `Port ${n} is above 65535, the highest port number.`);
  return n;
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
