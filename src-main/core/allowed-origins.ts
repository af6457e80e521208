import { CLOUDS, type CloudInfo } from './graph/clouds';

/**
 * The origins the core may contact: every national cloud's Graph root and sign-in host, plus the
 * custom cloud in force. Anything else is refused by the transport, so a hostile nextLink or a
 * misconfiguration cannot send a token somewhere else.
 */
export function allowedOrigins(current: CloudInfo): Set<string> {
  const origins = new Set<string>();
  for (const c of [...Object.values(CLOUDS), current]) {
    origins.add(new URL(c.graphRoot).origin);
    if (c.authorityBase) origins.add(new URL(c.authorityBase).origin);
  }
  // China's sign-in is also served from this host (Microsoft's national-cloud documentation lists both).
  origins.add('https://login.partner.microsoftonline.cn');
  return origins;
}
