// The host endpoints against Microsoft's v1.0 schema (test/fixtures/graph-schema/hostport-v1.json): every
// structural property of an ipAddress or hostname (GET hosts/{id}) and of a host's reputation with its rules
// (GET hosts/{id}/reputation) reaches the view the host sections are drawn from.
import { describe, expect, it } from 'vitest';
import { parseHost, parseReputation } from '../../../src-main/core/graph/host-section-parse';
import { hostOverviewRows } from '../../../src-renderer/features/detail/host-labels';
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

describe('the host rows at the top of the detail', () => {
  // The host's id and its first and last seen are shown beside these rows, not in them.
  const OWN = ['id', 'firstSeenDateTime', 'lastSeenDateTime'];
  it.each(['microsoft.graph.security.ipAddress', 'microsoft.graph.security.hostname'])('carry every other property of an %s', (type) => {
    const { body, planted } = fullEntity(facts, type, { hostId: 'host-under-test.example', hostType: type });
    const rows = hostOverviewRows(parseHost(structuredClone(body))?.details ?? {});
    const text = rows.map((r) => r.value ?? '').join('\n');
    const missing = planted.filter((p) => !OWN.includes(p.path) && !text.includes(String(p.value))).map((p) => p.path);
    expect(missing).toEqual([]);
  });

  it('adds the autonomous system value only when it says more than AS<number>', () => {
    const rows = (as: Record<string, unknown>) => hostOverviewRows({ autonomousSystem: as }).map((r) => [r.key, r.value]);
    expect(rows({ number: 64500, name: 'EX', value: 'AS64500' })).toEqual([['autonomousSystem', 'AS64500 EX']]);
    expect(rows({ number: 64500, name: 'EX', value: 'as64500' })).toEqual([['autonomousSystem', 'AS64500 EX']]);
    expect(rows({ number: 64500, value: 'AS64500 (EU)' })).toEqual([['autonomousSystem', 'AS64500'], ['autonomousSystem.value', 'AS64500 (EU)']]);
    expect(rows({ value: 'AS1' })).toEqual([['autonomousSystem', 'AS1']]);
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
