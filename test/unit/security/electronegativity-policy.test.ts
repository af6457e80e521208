import { describe, expect, it } from 'vitest';
import {
  describeOutcome,
  findingsFromSarif,
  judge,
  parseExceptions,
  refusedRequests,
  scannedFiles,
  unparsedFiles,
  type Finding,
} from '../../support/electronegativity-policy';

function result(ruleId: string, uri: string, line: number, severity?: string) {
  return {
    ruleId,
    level: 'warning',
    message: { text: `${ruleId} message` },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line, startColumn: 1 } } }],
    properties: severity === undefined ? {} : { severity, confidence: 'FIRM', manualReview: false },
  };
}

const sarif = {
  version: '2.1.0',
  runs: [
    {
      artifacts: [{ location: { uri: 'src-main/electron/window.ts' } }],
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: [], properties: { refusedNetworkRequests: ['https://i18n.example/en-US.json'] } }],
      results: [result('SANDBOX_JS_CHECK', 'src-main/electron/window.ts', 47, 'MEDIUM'), result('CSP_GLOBAL_CHECK', 'src-main/electron/csp.ts', 37, 'LOW')],
    },
    {
      artifacts: [{ location: { uri: 'out/main/index.js' } }, { location: { uri: 'out/preload/index.cjs' } }],
      invocations: [
        {
          executionSuccessful: false,
          toolExecutionNotifications: [
            { level: 'warning', message: { text: 'Parsed with warnings: x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'out/a.js' } } }] },
            { level: 'error', message: { text: 'Not scanned, could not parse: y' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'out/b.js' } } }] },
          ],
        },
      ],
      results: [result('LIMIT_NAVIGATION_GLOBAL_CHECK', 'out', 1, 'HIGH')],
    },
  ],
};

const finding = (check: string, file: string, severity: Finding['severity'] = 'MEDIUM'): Finding => ({
  check,
  file,
  line: 1,
  severity,
  confidence: 'FIRM',
  message: '',
});

describe('reading the wrapper SARIF', () => {
  it('takes check, file, line and severity from every run', () => {
    expect(findingsFromSarif(sarif).map((f) => [f.check, f.file, f.line, f.severity])).toEqual([
      ['SANDBOX_JS_CHECK', 'src-main/electron/window.ts', 47, 'MEDIUM'],
      ['CSP_GLOBAL_CHECK', 'src-main/electron/csp.ts', 37, 'LOW'],
      ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'out', 1, 'HIGH'],
    ]);
  });

  it('treats a result without a severity as HIGH, so a format change cannot hide it', () => {
    const noSeverity = { runs: [{ results: [result('NEW_CHECK', 'out/main/index.js', 3)] }] };
    expect(findingsFromSarif(noSeverity)[0]!.severity).toBe('HIGH');
  });

  it('lists scanned files, unparsed files (errors only) and refused requests', () => {
    expect(scannedFiles(sarif)).toEqual(['src-main/electron/window.ts', 'out/main/index.js', 'out/preload/index.cjs']);
    expect(unparsedFiles(sarif)).toEqual(['out/b.js: Not scanned, could not parse: y']);
    expect(refusedRequests(sarif)).toEqual(['https://i18n.example/en-US.json']);
  });
});

describe('the exceptions list', () => {
  it('accepts { check, file, reason } entries', () => {
    expect(parseExceptions([{ check: 'A', file: 'f', reason: 'r' }])).toEqual([{ check: 'A', file: 'f', reason: 'r' }]);
  });

  it.each([
    [{ not: 'an array' }, /JSON array/],
    [[{ check: 'A', file: 'f' }], /"reason" must be a non-empty string/],
    [[{ check: 'A', file: 'f', reason: '  ' }], /"reason" must be a non-empty string/],
    [[{ check: 'A', file: 'f', reason: 'r', line: 3 }], /unknown field\(s\) line/],
    [
      [
        { check: 'A', file: 'f', reason: 'r' },
        { check: 'A', file: 'f', reason: 'again' },
      ],
      /listed twice/,
    ],
  ])('refuses %j', (json, message) => {
    expect(() => parseExceptions(json)).toThrow(message);
  });
});

describe('judging findings', () => {
  const exceptions = parseExceptions([{ check: 'SANDBOX_JS_CHECK', file: 'src-main/electron/window.ts', reason: 'set in secureWebPreferences' }]);

  it('passes when every MEDIUM+ finding is excused and every exception matches', () => {
    const outcome = judge([finding('SANDBOX_JS_CHECK', 'src-main/electron/window.ts'), finding('CSP_GLOBAL_CHECK', 'x', 'LOW')], exceptions);
    expect(outcome.unexpected).toEqual([]);
    expect(outcome.stale).toEqual([]);
    expect(outcome.belowThreshold.map((f) => f.check)).toEqual(['CSP_GLOBAL_CHECK']);
  });

  it('fails on a new finding, including the same check in another file', () => {
    const outcome = judge(
      [finding('SANDBOX_JS_CHECK', 'src-main/electron/window.ts'), finding('SANDBOX_JS_CHECK', 'src-main/electron/other.ts', 'HIGH')],
      exceptions,
    );
    expect(outcome.unexpected.map((f) => f.file)).toEqual(['src-main/electron/other.ts']);
    expect(describeOutcome(outcome, 'exceptions.json')).toContain('HIGH SANDBOX_JS_CHECK src-main/electron/other.ts:1');
  });

  it('matches on check and file, not line, and reports an exception that matches nothing as stale', () => {
    expect(judge([{ ...finding('SANDBOX_JS_CHECK', 'src-main/electron/window.ts'), line: 999 }], exceptions).unexpected).toEqual([]);
    const outcome = judge([finding('SANDBOX_JS_CHECK', 'src-main/electron/window.ts', 'LOW')], exceptions);
    expect(outcome.stale).toEqual(exceptions);
    expect(describeOutcome(outcome, 'exceptions.json')).toContain('match no finding any more');
  });
});
