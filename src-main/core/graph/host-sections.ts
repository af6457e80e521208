// The host endpoints behind the detail's host sections. Each is one GET through the client's own request
// rules (token, retries, Retry-After); each fails on its own, and an endpoint Microsoft does not offer in the
// configured national cloud is refused here, before any request.
import { ERROR_CODES } from '../../../src-shared/error-codes';
import type { HostSectionRequest } from '../../../src-shared/host-section-contract';
import type { HostSectionKind, HostSectionView } from '../../../src-shared/host-views';
import type { CloudId } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import { joinRoot } from '../net/url';
import type { Clock, HttpResponse } from '../ports';
import { CLOUDS } from './clouds';
import { endpointAvailable } from './endpoint-clouds';
import { mapGraphError } from './errors';
import { parseEntityBody, parseHost, parsePassiveDns, parseReputation, parseWhois } from './host-section-parse';
import { readCollectionPage } from './port-list';
import { normaliseHost } from './target';

export interface HostSectionDeps {
  get(url: string, signal: AbortSignal | undefined): Promise<HttpResponse>;
  /** The versioned root, e.g. https://graph.microsoft.com/v1.0. */
  root: string;
  checkNextLink(link: string, seen: Set<string>): string | null;
  cloud: CloudId;
  clock: Clock;
}

const TI = 'security/threatIntelligence';

const LABELS: Record<HostSectionKind, string> = {
  host: 'Host details',
  reputation: 'Reputation',
  whois: 'Whois',
  passiveDns: 'Passive DNS',
  passiveDnsReverse: 'Reverse passive DNS',
  relatedHosts: 'Hosts with the same certificate',
};

export async function fetchHostSection(deps: HostSectionDeps, req: HostSectionRequest, signal?: AbortSignal): Promise<HostSectionView> {
  if (!endpointAvailable(req.kind, deps.cloud)) {
    const cloud = deps.cloud === 'custom' ? 'Custom' : CLOUDS[deps.cloud].label;
    throw fail('notConfigured', `${LABELS[req.kind]} is not available in the ${cloud} cloud; Microsoft offers it in the global cloud only.`, {
      code: ERROR_CODES.ENDPOINT_NOT_IN_CLOUD,
      field: req.kind,
    });
  }
  const url = sectionUrl(deps, req);
  const res = await deps.get(url, signal);
  const subject = req.kind === 'relatedHosts' ? 'this certificate' : `the host ${req.host}`;
  if (res.status < 200 || res.status > 299) {
    const mapped = mapGraphError(res, { subject, nowMs: deps.clock.now() });
    throw new PortolanFailure({ ...mapped, field: req.kind });
  }
  const fetchedAt = new Date(deps.clock.now()).toISOString();
  const what = `${LABELS[req.kind]} of ${subject}`;
  switch (req.kind) {
    case 'host': {
      const host = parseHost(parseEntityBody(res.body, what));
      if (!host) throw fail('invalidResponse', `${what} is not a host.`, { field: req.kind });
      return { kind: 'host', fetchedAt, host };
    }
    case 'reputation':
      return { kind: 'reputation', fetchedAt, reputation: parseReputation(parseEntityBody(res.body, what)) };
    case 'whois':
      return { kind: 'whois', fetchedAt, whois: parseWhois(parseEntityBody(res.body, what)) };
    case 'passiveDns':
    case 'passiveDnsReverse': {
      const page = readCollectionPage(res.body, what);
      const records = page.items.map(parsePassiveDns).filter((r) => r !== null);
      return { kind: req.kind, fetchedAt, records, nextLink: nextOf(deps, page.nextLink, url) };
    }
    case 'relatedHosts': {
      const page = readCollectionPage(res.body, what);
      const hosts = page.items.map(parseHost).filter((h) => h !== null);
      return { kind: 'relatedHosts', fetchedAt, hosts, nextLink: nextOf(deps, page.nextLink, url) };
    }
  }
}

function sectionUrl(deps: HostSectionDeps, req: HostSectionRequest): string {
  if ((req.kind === 'passiveDns' || req.kind === 'passiveDnsReverse' || req.kind === 'relatedHosts') && req.nextLink) {
    // A link that came back from the renderer is checked as if Graph had just sent it.
    const link = deps.checkNextLink(req.nextLink, new Set());
    const expected = req.kind === 'relatedHosts' ? `/sslCertificates/${encodeURIComponent(req.certificateId)}/relatedHosts` : `/${req.kind}`;
    if (!link || !new URL(link).pathname.endsWith(expected)) {
      throw fail('invalidInput', 'That next-page link does not belong to this section.', { field: req.kind });
    }
    return link;
  }
  if (req.kind === 'relatedHosts') return joinRoot(deps.root, TI, 'sslCertificates', encodeURIComponent(req.certificateId), 'relatedHosts');
  const host = encodeURIComponent(normaliseHost(req.host).host);
  const tail = req.kind === 'host' ? [] : [req.kind];
  return joinRoot(deps.root, TI, 'hosts', host, ...tail);
}

function nextOf(deps: HostSectionDeps, link: string | null, current: string): string | null {
  return link ? deps.checkNextLink(link, new Set([current])) : null;
}
