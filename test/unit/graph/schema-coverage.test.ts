// Every structural property Microsoft's v1.0 schema lists for a hostPort, its banners, services, their components
// and its certificate (issuer, subject, their addresses) reaches the model the structured detail is drawn from,
// and none is left to "Other properties". The list is Microsoft's (test/fixtures/graph-schema/hostport-v1.json),
// not ours, so a property the parser forgets, or one Microsoft adds to the list, fails here.
import { describe, expect, it } from 'vitest';
import { parseHostPort } from '../../../src-main/core/graph/parse';
import { otherProperties } from '../../../src-shared/other-properties';
import type { HostPortView } from '../../../src-shared/views';
import { fullHostPort, loadSchemaFacts, type PlantedValue } from '../../support/graph-schema-fixture';

const facts = loadSchemaFacts();
const HOST = '203.0.113.77';
const { body, planted, visited } = fullHostPort(facts, { hostId: HOST });

/** Every value in the view with where it is; `extra` (unmodelled properties) and warnings are not the structured view. */
function leaves(view: HostPortView): { at: string; value: unknown }[] {
  const out: { at: string; value: unknown }[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k);
    else out.push({ at, value: v });
  };
  const { extra: _extra, warnings: _warnings, ...structured } = view;
  walk(structured, '');
  return out;
}

/** Where a planted value shows up in the view; a date counts only as a Stamp whose raw text and time both match. */
function found(view: HostPortView, p: PlantedValue): string[] {
  const all = leaves(view);
  if (p.type === 'Edm.DateTimeOffset') {
    return all
      .filter((l) => l.value === p.value && l.at.endsWith('.raw'))
      .filter((l) => all.some((m) => m.at === l.at.replace(/\.raw$/, '.ms') && m.value === Date.parse(p.value as string)))
      .map((l) => l.at);
  }
  return all.filter((l) => l.value === p.value).map((l) => l.at);
}

describe('hostPort against the v1.0 schema', () => {
  const view = parseHostPort(structuredClone(body));

  it('builds its body from every type of the fact file that a hostPort lookup reaches', () => {
    for (const t of [
      'microsoft.graph.security.hostPort',
      'microsoft.graph.security.hostPortBanner',
      'microsoft.graph.security.hostPortComponent',
      'microsoft.graph.security.hostComponent',
      'microsoft.graph.security.sslCertificate',
      'microsoft.graph.security.sslCertificateEntity',
      'microsoft.graph.physicalAddress',
      'microsoft.graph.security.ipAddress',
      'microsoft.graph.security.autonomousSystem',
    ]) {
      expect(visited, t).toContain(t);
    }
    // hostPort 8 (id included), banner 5, service 3, component 6, certificate 8, issuer and subject 2 × 14.
    expect(planted.filter((p) => p.section !== 'host').length).toBeGreaterThanOrEqual(58);
  });

  it('parses the body without warnings and with nothing left over', () => {
    expect(view.warnings).toEqual([]);
    expect(view.extra).toEqual({});
  });

  it.each(planted.filter((p) => p.section !== 'host').map((p) => [p.path, p] as const))('%s reaches the structured view', (_path, p) => {
    expect(found(view, p), `${p.on}.${p.name} = ${JSON.stringify(p.value)}`).not.toEqual([]);
  });

  it.each(planted.filter((p) => p.section === 'host').map((p) => [p.path, p] as const))('%s reaches the host details', (_path, p) => {
    const at = found(view, p);
    expect(at.length, `${p.on}.${p.name} = ${JSON.stringify(p.value)}`).toBeGreaterThan(0);
    expect(at.every((a) => a.startsWith('host.'))).toBe(true);
  });

  it('lists none of them under "Other properties"', () => {
    expect(otherProperties(JSON.stringify(body))).toEqual([]);
  });

  it('fails for a property the parser does not model (the check can fail)', () => {
    const extended = structuredClone(body) as Record<string, unknown>;
    const cert = extended.mostRecentSslCertificate as Record<string, unknown>;
    cert.signatureAlgorithm = 'val-not-in-the-model';
    const parsed = parseHostPort(extended);
    const p: PlantedValue = { path: 'mostRecentSslCertificate.signatureAlgorithm', declaredBy: 'x', on: 'x', name: 'signatureAlgorithm', type: 'Edm.String', value: 'val-not-in-the-model', section: 'certificate' };
    expect(found(parsed, p)).toEqual([]);
    expect(otherProperties(JSON.stringify(extended)).map((r) => r.path)).toEqual(['mostRecentSslCertificate.signatureAlgorithm']);
  });
});
