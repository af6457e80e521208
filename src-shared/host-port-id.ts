// What a pasted host port ID may be. Ids are opaque (base64-looking today, e.g. ODUuMTMuMTM5LjE4JCQyMQ==,
// or tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao), so almost everything is percent-encoded into one path segment
// rather than refused; base64 ids can legitimately contain '/', '+' and '='. Refused are only the ids that
// cannot be one safe segment: blank, '.' and '..' (URL parsers resolve them as dot-segments, which would
// send the request, and the token, to another resource), characters that cannot be encoded (lone UTF-16
// surrogates), control characters, and '\', '?' and '#', which are never part of a base64 or base64url id
// and which servers and proxies are known to treat as path or URL structure even when percent-encoded.
// Shared by the IPC contract and the core, so both refuse the same ids with the same words.

/** Longest id accepted. Documented ids are about 24-44 characters; 512 leaves ample room and bounds the URL. */
export const MAX_HOST_PORT_ID_LENGTH = 512;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const STRUCTURAL = /[\\?#]/;

/** Why this id (already trimmed) cannot be looked up, or null when it can. */
export function hostPortIdProblem(id: string): string | null {
  if (id === '') return 'Enter a host port ID.';
  if (id.length > MAX_HOST_PORT_ID_LENGTH) {
    return `That host port ID is ${id.length} characters long; IDs are at most ${MAX_HOST_PORT_ID_LENGTH}.`;
  }
  if (id === '.' || id === '..') return `"${id}" is not a host port ID (it would name a different address, not an item).`;
  if (LONE_SURROGATE.test(id)) return 'That host port ID contains a broken character (an unpaired UTF-16 surrogate) and cannot be sent.';
  if (CONTROL.test(id)) return 'That host port ID contains a control character (such as a line break or tab); paste the ID alone.';
  const structural = STRUCTURAL.exec(id);
  if (structural) return `That host port ID contains "${structural[0]}", which never appears in a host port ID; paste the ID alone, not a URL.`;
  return null;
}
