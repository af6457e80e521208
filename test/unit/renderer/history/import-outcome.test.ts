import { describe, expect, it } from 'vitest';
import { importOutcome } from '../../../../src-renderer/features/history/import-outcome';

describe('importOutcome', () => {
  it('names an NDJSON refusal by its line only', () => {
    const out = importOutcome({ added: 8, skipped: 0, refused: 1, problems: [{ line: 5, where: 'record', message: 'not valid JSON' }] });
    expect(out).toEqual({ report: expect.stringContaining('Refused 1 malformed record (line 5: not valid JSON).') });
    const typed = importOutcome({ added: 8, skipped: 0, refused: 1, problems: [{ line: 3, where: 'snapshot', message: 'savedAt: invalid' }] });
    expect(typed).toEqual({ report: expect.stringContaining('Refused 1 malformed record (line 3: savedAt: invalid).') });
  });

  it('names a refusal inside an older JSON document by its line and its place in the document', () => {
    const out = importOutcome({
      added: 0,
      skipped: 0,
      refused: 2,
      aborted: true,
      problems: [{ line: 1, where: 'hostPorts[0].snapshots[0]', message: 'savedAt: expected string' }],
    });
    expect(out).toEqual({
      error: { kind: 'invalidInput', message: 'Nothing was imported: 2 malformed records found (line 1, hostPorts[0].snapshots[0]: savedAt: expected string; …).' },
    });
  });

  it('falls back to the place when the format has no lines', () => {
    const out = importOutcome({ added: 1, skipped: 0, refused: 1, problems: [{ line: null, where: 'hostPorts[2]', message: 'the entry has no snapshots list' }] });
    expect(out).toEqual({ report: expect.stringContaining('(hostPorts[2]: the entry has no snapshots list)') });
  });
});
