import { parseArgs } from 'node:util';
import { parseProxyUrl } from '../core/net/http-proxy';

export interface PreviewArgs {
  port: number;
  userData: string | null;
  graphBaseUrl?: string;
  authority?: string;
  clientId?: string;
  tenant?: string;
  caFile?: string;
  /** An http forward proxy for every Graph and sign-in request (the app's manual proxy setting). */
  proxy?: string;
  demo: boolean;
  /** A portolan:// link to act on as if the OS had handed it to the app. */
  openUrl?: string;
}

/** Parses the preview's flags (README, "Web preview"). Throws an Error with a usage message on anything unknown. */
export function parsePreviewArgs(argv: string[]): PreviewArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '0' },
      'user-data': { type: 'string' },
      'graph-base-url': { type: 'string' },
      authority: { type: 'string' },
      'client-id': { type: 'string' },
      tenant: { type: 'string' },
      'ca-file': { type: 'string' },
      proxy: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'open-url': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0 to 65535, got ${values.port}`);
  const out: PreviewArgs = { port, userData: values['user-data'] ?? null, demo: values.demo ?? false };
  if (values['graph-base-url']) out.graphBaseUrl = values['graph-base-url'];
  if (values.authority) out.authority = values.authority;
  if (values['client-id']) out.clientId = values['client-id'];
  if (values.tenant) out.tenant = values.tenant;
  if (values['ca-file']) out.caFile = values['ca-file'];
  // Not validated here: an invalid link is reported on stderr and the preview starts anyway, as the app would.
  if (values['open-url'] !== undefined) out.openUrl = values['open-url'];
  if (values.proxy) {
    // Refused here, before anything starts, with the same message the settings would give.
    parseProxyUrl(values.proxy);
    out.proxy = values.proxy;
  }
  return out;
}

export const PREVIEW_USAGE = `Usage: npm run preview:web -- [--port N] [--user-data DIR] [--graph-base-url URL] [--authority URL]
       [--client-id ID] [--tenant T] [--ca-file PEM] [--proxy http://host:port] [--demo]
       [--open-url portolan://…]
Environment: PORTOLAN_GRAPH_TOKEN=<token> replaces sign-in (preview only).`;
