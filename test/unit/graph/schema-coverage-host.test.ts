// The host endpoints against Microsoft's v1.0 schema (test/fixtures/graph-schema/hostport-v1.json): every
// structural property of an ipAddress or hostname (GET hosts/{id}) and of a host's reputation with its rules
// (GET hosts/{id}/reputation) reaches the view the host sections are drawn from.
import { describe, expect, it } from 'vitest';
import { parseHost, parseReputation } from '../../../src-main/core/graph/host-section-parse';
import { fullEntity, loadSchemaFacts, type PlantedValue } from '../../support/graph-schema-fixture';

const facts = loadSchemaFacts();

/** Paths in `view` that hold the planted value (a date: a Stamp whose raw text and time both match). */
function found(view: unknown, p: PlantedValue): string[] {
  const all: { at: string; value: unknown }[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k);
    else all.push({ at, value: v });
  };
  walk(view, '');
  const hits = all.filter((l) => l.value === p.value).map((l) => l.at);
  if (p.type !== 'Edm.DateTimeOffset') return hits;
  return hits.filter((at) => at.endsWith('.raw') && all.some((m) => m.at === at.replace(/\.raw$/, '.ms') && m.value === Date.parse(p.value as string)));
}

describe.each(['microsoft.graph.security.ipAddress', 'microsoft.graph.security.hostname'])('%s (GET hosts/{id})', (type) => {
  const { body, planted } = fullEntity(facts, type, { hostId: 'host-under-test.example', hostType: type });
  const view = parseHost(structuredClone(body));

  it('is a host of its kind', () => {
    expect(view?.odataType).toBe(`#${type}`);
    expect(planted.length).toBeGreaterThanOrEqual(type.endsWith('ipAddress') ? 10 : 5);
  });

  it.each(planted.map((p) => [p.path, p] as const))('%s reaches the host view', (_path, p) => {
    expect(found(view, p), `${p.on}.${p.name} = ${JSON.stringify(p.value)}`).not.toEqual([]);
  });
});

describe('microsoft.graph.security.hostReputation (GET hosts/{id}/reputation)', () => {
  const { body, planted } = fullEntity(facts, 'microsoft.graph.security.hostReputation', { hostId: 'unused' });
  const view = parseReputation(structuredClone(body));
  // The reputation's own entity id names the reputation record, not the host; the view does not carry it.
  const NOT_SHOWN = ['id'];

  it('plants the classification, the score and every field of a rule', () => {
    expect(planted.map((p) => p.path).sort()).toEqual(
      ['classification', 'id', 'rules[0].description', 'rules[0].name', 'rules[0].relatedDetailsUrl', 'rules[0].severity', 'score'].sort(),
    );
  });

  it.each(planted.filter((p) => !NOT_SHOWN.includes(p.path)).map((p) => [p.path, p] as const))('%s reaches the reputation view', (_path, p) => {
    expect(found(view, p), `${p.on}.${p.name} = ${JSON.stringify(p.value)}`).not.toEqual([]);
  });

  it('leaves out only the entity id', () => {
    for (const p of planted.filter((x) => NOT_SHOWN.includes(x.path))) expect(found(view, p)).toEqual([]);
  });
});
