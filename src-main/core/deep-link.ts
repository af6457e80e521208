// portolan:// links. Anyone can put such a link on a web page or in a chat message, and the OS hands it to
// the app when clicked, so a link is untrusted input: it may only ever fill the Lookup form with what the
// analyst could have typed there. Accepted shapes:
//   portolan://lookup?host=H&port=P
//   portolan://lookup?hostPortId=ID
//   portolan://hostport/ID            (ID percent-encoded where needed)
// Everything else (another scheme or target, credentials, a port on the link itself, unknown or repeated
// parameters, a fragment, control characters, over-long text) is refused with a message saying why.
// The parsed values then pass the contract's own 'lookup:run' schema and the core's host, port and id
// rules, the very checks a lookup typed into the form goes through.
import { LookupRequest } from '../../src-shared/contract';
import type { LinkTarget } from '../../src-shared/views';
import { toPortolanError } from './failure';
import { normaliseHostPortId, normaliseLookupTarget } from './graph/target';

export const LINK_SCHEME = 'portolan';
/** Longer than any host (253), port and id (512) need together, short enough to quote and log. */
export const MAX_LINK_LENGTH = 2048;

export type LinkParse = { ok: true; target: LinkTarget } | { ok: false; message: string };

/** The shape of a link, split by hand: URL parsers silently drop whitespace, resolve dot segments and lower-case hosts. */
const SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/s;
const LOOKUP_PARAMS = new Set(['host', 'port', 'hostPortId']);

const refuse = (message: string): LinkParse => ({ ok: false, message });

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

export function parseDeepLink(input: unknown): LinkParse {
  if (typeof input !== 'string' || input === '') return refuse('The link is empty.');
  if (input.length > MAX_LINK_LENGTH) return refuse(`The link is ${input.length} characters long; Portolan links are at most ${MAX_LINK_LENGTH}.`);
  if (/[\u0000-\u0020\u007f-\u009f]/.test(input)) return refuse('The link contains spaces or control characters.');
  if (/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(input)) return refuse('The link contains invisible or text-direction characters.');
  const shape = SHAPE.exec(input);
  if (!shape) {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input)?.[1];
    if (scheme && scheme.toLowerCase() !== LINK_SCHEME) return refuse(`Only portolan:// links are accepted, not ${quote(`${scheme}:`)}.`);
    return refuse('The link is not of the form portolan://lookup?host=…&port=… or portolan://hostport/….');
  }
  const [, scheme = '', authority = '', path = '', query, fragment] = shape;
  if (scheme.toLowerCase() !== LINK_SCHEME) return refuse(`Only portolan:// links are accepted, not ${quote(`${scheme}:`)}.`);
  if (authority.includes('@')) return refuse('The link carries a user name or password, which Portolan links never do.');
  if (authority.includes(':')) return refuse('The link names a port on its target; put the port in the port parameter.');
  if (fragment !== undefined) return refuse('The link has a "#" part, which Portolan links never have.');

  const target = authority.toLowerCase();
  if (target === 'lookup') {
    if (path !== '' && path !== '/') return refuse(`portolan://lookup takes no path (got ${quote(path)}).`);
    return parseLookupQuery(query);
  }
  if (target === 'hostport') {
    if (query !== undefined) return refuse('portolan://hostport/… takes no "?" parameters; put the ID in the path.');
    return parseHostPortPath(path);
  }
  return refuse(`Unknown link target ${quote(authority)}; Portolan links start portolan://lookup or portolan://hostport.`);
}

function parseLookupQuery(query: string | undefined): LinkParse {
  const text = query?.slice(1) ?? '';
  if (text === '') return refuse('The link names nothing to look up: add host and port, or hostPortId.');
  const values = new Map<string, string>();
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decode(rawKey);
    const value = eq < 0 ? null : decode(pair.slice(eq + 1));
    if (key === null || (eq >= 0 && value === null)) return refuse('The link has a broken percent-encoding (%) in its parameters.');
    if (!LOOKUP_PARAMS.has(key)) return refuse(`Unknown link parameter ${quote(key)}; use host and port, or hostPortId.`);
    if (values.has(key)) return refuse(`The link repeats the ${key} parameter.`);
    if (value === null) return refuse(`The link's ${key} parameter has no value.`);
    values.set(key, value);
  }
  const id = values.get('hostPortId');
  if (id !== undefined) {
    if (values.has('host') || values.has('port')) return refuse('The link names both a host port ID and a host or port; use one or the other.');
    return validate({ hostPortId: id });
  }
  const host = values.get('host');
  const port = values.get('port');
  if (host === undefined) return refuse('The link has a port but no host.');
  if (port === undefined) return refuse('The link has a host but no port.');
  return validate({ host, port });
}

function parseHostPortPath(path: string): LinkParse {
  const raw = path.slice(1);
  if (raw === '') return refuse('The link names no host port ID after portolan://hostport/.');
  const id = decode(raw, false);
  if (id === null) return refuse('The link has a broken percent-encoding (%) in its host port ID.');
  return validate({ hostPortId: id });
}

/** Percent-decoding; in a query '+' is a space (which the host rules then refuse), in a path it is itself (base64). */
function decode(text: string, plusIsSpace = true): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return null;
  }
}

/** The form's rules: the core's host, port and id checks (the most precise words), then the contract's schema. */
function validate(fields: { host: string; port: string } | { hostPortId: string }): LinkParse {
  let target: LinkTarget;
  try {
    if ('hostPortId' in fields) target = { kind: 'id', hostPortId: normaliseHostPortId(fields.hostPortId) };
    else {
      const read = normaliseLookupTarget(fields.host, fields.port);
      target = read.kind === 'id' ? { kind: 'id', hostPortId: read.hostPortId } : { kind: 'hostPort', host: read.host, port: read.port };
    }
  } catch (err) {
    return refuse(toPortolanError(err).message);
  }
  // The request the renderer will send must pass 'lookup:run' as it stands, or the link is no use.
  const parsed = LookupRequest.safeParse({ requestId: 'link', ...(target.kind === 'id' ? { hostPortId: target.hostPortId } : { host: target.host, port: target.port }) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`The link's ${issue?.path.join('.') || 'target'} is not accepted: ${issue?.message ?? 'invalid'}`);
  }
  return { ok: true, target };
}
