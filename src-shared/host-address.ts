// The host part of what an analyst enters, once unwrapped from URLs and brackets: strict IPv4, IPv6 written
// back in its RFC 5952 form (an IPv4-mapped address read as IPv4, zone ids refused), and hostnames checked
// label by label, with internationalised names turned into punycode by the WHATWG URL class. No Node built-ins:
// the renderer runs this too.

export type HostKind = 'ipv4' | 'ipv6' | 'hostname';

export const ENTER_HOST = 'Enter a host: an IPv4 address, an IPv6 address or a hostname.';

export type HostOnly = { ok: true; host: string; kind: HostKind; notes: string[] } | { ok: false; error: string };

/** Text quoted for a message, cut at 80 characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

// ------------------------------------------------------------------------------------------ addresses

/** Strict dotted quad: four decimal numbers 0-255, no leading zeros (010 could mean octal 8). */
function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** Eight 16-bit groups, or null when the text is not an IPv6 address (zone ids are handled by the caller). */
export function parseIPv6(text: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let body = text;
  const tail: number[] = [];
  if (body.includes('.')) {
    const cut = body.lastIndexOf(':');
    const v4 = body.slice(cut + 1);
    if (cut < 0 || !isIPv4(v4)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    body = body.slice(0, cut + 1);
    // "::1.2.3.4" leaves "::"; "64:ff9b::1.2.3.4" leaves "64:ff9b::"; "1:2:3:4:5:6:1.2.3.4" leaves "…:6:".
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const read = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = read(halves[0] ?? '');
  const rest = halves.length === 2 ? read(halves[1] ?? '') : [];
  if (!head || !rest) return null;
  const written = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (written > 7) return null;
    return [...head, ...new Array<number>(8 - written).fill(0), ...rest, ...tail];
  }
  return written === 8 ? [...head, ...tail] : null;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (two or more) of zero groups as "::". */
function formatIPv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function parseIPv6Host(text: string, shown: string): HostOnly {
  const zone = text.indexOf('%');
  if (zone >= 0) {
    const id = text.slice(zone).replace(/^%25/, '%');
    return {
      ok: false,
      error: `Host ${shown} carries an IPv6 zone id (${quote(id)}): a zone names a network interface on one computer, and Graph knows addresses without zones. Enter the address without ${quote(id)}.`,
    };
  }
  const groups = parseIPv6(text);
  if (!groups) return { ok: false, error: `Host ${shown} is not a valid IPv6 address.` };
  const notes: string[] = [];
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const v4 = [groups[6] ?? 0, groups[7] ?? 0].flatMap((g) => [g >> 8, g & 0xff]).join('.');
    notes.push(`The IPv4-mapped IPv6 address ${text} is looked up as the IPv4 address ${v4}, the form Graph lists.`);
    return { ok: true, host: v4, kind: 'ipv4', notes };
  }
  const host = formatIPv6(groups);
  if (host !== text) notes.push(`IPv6 address written in its compressed lower-case form, ${host}.`);
  return { ok: true, host, kind: 'ipv6', notes };
}

// ------------------------------------------------------------------------------------------ hostnames

function parseNameOrIPv4(text: string, shown: string): HostOnly {
  const notes: string[] = [];
  let name = text;
  // A single trailing dot is the DNS root and means the same name.
  if (name.endsWith('.') && !name.endsWith('..') && name.length > 1) {
    name = name.slice(0, -1);
    notes.push('Trailing dot removed.');
  }
  if (/^[0-9.]+$/.test(name)) {
    if (isIPv4(name)) return { ok: true, host: name, kind: 'ipv4', notes };
    if (/(^|\.)0\d/.test(name)) {
      return { ok: false, error: `Host ${shown} has a leading zero in an IPv4 part, which is ambiguous (some software reads it as octal); write it without leading zeros.` };
    }
    return { ok: false, error: `Host ${shown} is not a valid IPv4 address (four numbers 0-255 separated by dots).` };
  }
  if (/^(0x[0-9a-f]*|\d+)(\.(0x[0-9a-f]*|\d+)){0,3}$/i.test(name)) {
    return { ok: false, error: `Host ${shown} looks like an IPv4 address in hexadecimal; write it as four decimal numbers, such as 85.13.139.18.` };
  }
  let ascii = name.toLowerCase();
  if (/[^\x00-\x7f]/.test(name)) {
    // Characters that would change what the URL parser reads as the host are refused before it sees them.
    if (/[\s/\\?#@:[\]%<>^|"'`{}]/.test(name)) return { ok: false, error: `Host ${shown} is not a valid hostname.` };
    try {
      ascii = new URL(`http://${name}/`).hostname;
    } catch {
      return { ok: false, error: `Host ${shown} is not a valid internationalised hostname.` };
    }
    if (ascii.endsWith('.')) ascii = ascii.slice(0, -1);
    if (isIPv4(ascii)) {
      notes.push(`Written with non-ASCII characters; read as the IPv4 address ${ascii}.`);
      return { ok: true, host: ascii, kind: 'ipv4', notes };
    }
    notes.push(ascii.includes('xn--') ? `Internationalised name converted to punycode, ${ascii}.` : `Converted to plain ASCII, ${ascii}.`);
  } else if (ascii !== name) {
    notes.push('Lower-cased.');
  }
  if (ascii.length > 253) return { ok: false, error: `Host ${shown} is longer than 253 characters, the limit for a hostname.` };
  let underscore = false;
  for (const label of ascii.split('.')) {
    if (label.length === 0) return { ok: false, error: `Host ${shown} has an empty label (two dots in a row, or a leading dot).` };
    if (label.length > 63) return { ok: false, error: `Host ${shown} has a label longer than 63 characters.` };
    const bad = /[^a-z0-9_-]/.exec(label);
    if (bad) {
      return { ok: false, error: `Host ${shown} contains ${quote(bad[0])}; hostnames use only letters, digits, hyphens, underscores and dots.` };
    }
    if (label.startsWith('-') || label.endsWith('-')) return { ok: false, error: `Host ${shown} has a label that starts or ends with a hyphen.` };
    underscore ||= label.includes('_');
  }
  if (underscore) {
    notes.push('Kept the "_": host names may not contain it, but DNS names such as _dmarc.example.com or my_host.example.com do, and Graph is asked about the name as written.');
  }
  return { ok: true, host: ascii, kind: 'hostname', notes };
}

export function parseBareHost(text: string): HostOnly {
  const shown = quote(text);
  if (text === '') return { ok: false, error: ENTER_HOST };
  if (text.includes(':')) return parseIPv6Host(text, shown);
  if (text.includes('%')) return { ok: false, error: `Host ${shown} contains "%"; percent-encoding is not accepted in a host.` };
  return parseNameOrIPv4(text, shown);
}
