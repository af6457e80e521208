// The checks every transport makes before a request leaves the process, whatever carries it (Node's http
// stack in the preview and tests, Chromium's in the app): a parseable http(s) URL, no credentials in it, and
// an origin on the allow-list, so a hostile nextLink or a misconfiguration cannot send a token elsewhere.
import { fail } from '../failure';
import type { HttpTransport } from '../ports';

export function checkRequestUrl(raw: string, allow: ((url: URL) => boolean) | undefined): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('network', 'Portolan refused to contact an address that is not a valid URL.', { code: 'PORTOLAN_REFUSED' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fail('network', `Portolan refused to contact ${url.protocol}//${url.host}: only http and https are used.`, {
      code: 'PORTOLAN_REFUSED',
    });
  }
  if (url.username || url.password) {
    // Credentials in a URL would end up in logs and history; Graph never needs them.
    throw fail('network', `Portolan refused to contact ${url.origin}: URLs with embedded credentials are not used.`, {
      code: 'PORTOLAN_REFUSED',
    });
  }
  if (allow && !allow(url)) {
    throw fail('network', `Portolan refused to contact ${url.origin}: it is not one of the endpoints this configuration allows.`, {
      code: 'PORTOLAN_REFUSED',
    });
  }
  return url;
}


/** Wraps any transport in the same checks; a refused request never reaches it. */
export function guardTransport(inner: HttpTransport, allow: (url: URL) => boolean): HttpTransport {
  return async (req) => {
    checkRequestUrl(req.url, allow);
    return inner(req);
  };
}
