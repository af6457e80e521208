import { describe, expect, it } from 'vitest';
import { csvColumnLines, MAX_BULK_TARGETS, parseCsv, planBulk, splitLines } from '../../../src-shared/bulk-targets';

describe('planBulk', () => {
  it('reads every form the lookup form reads, and host port IDs', () => {
    const plan = planBulk([
      'hxxps://evil[.]example[.]com/login',
      '10.1.1.1:8080',
      '[2001:db8::1]:443',
      '192.0.2.7 22',
      'ODUuMTMuMTM5LjE4JCQyMQ==',
      'id: tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao',
      '198.51.100.4',
      '# a comment',
      '',
    ]);
    expect(plan.rejected).toEqual([]);
    expect(plan.targets.map((t) => t.key)).toEqual([
      'evil.example.com|443',
      '10.1.1.1|8080',
      '2001:db8::1|443',
      '192.0.2.7|22',
      'id:ODUuMTMuMTM5LjE4JCQyMQ==',
      'id:tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao',
      '198.51.100.4|*',
    ]);
  });

  it('says why a line is refused and which line covers a duplicate', () => {
    const plan = planBulk(['10.0.0.1:22', '10.0.0.1 22', 'not a host at all', '10.0.0.2:70000', '10.0.0.9:80', '10.0.0.9']);
    expect(plan.targets.map((t) => t.key)).toEqual(['10.0.0.1|22', '10.0.0.9|*']);
    expect(plan.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(plan.rejected[1]!.reason).toMatch(/65535/);
    expect(plan.duplicates).toEqual([
      { line: 2, text: '10.0.0.1 22', sameAs: '10.0.0.1|22', firstLine: 1 },
      { line: 5, text: '10.0.0.9:80', sameAs: '10.0.0.9|*', firstLine: 6 },
    ]);
  });

  it('stops at the target limit and says so', () => {
    const lines = Array.from({ length: MAX_BULK_TARGETS + 2 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:80`);
    const plan = planBulk(lines);
    expect(plan.targets).toHaveLength(MAX_BULK_TARGETS);
    expect(plan.rejected).toHaveLength(2);
    expect(plan.rejected[0]!.reason).toMatch(/10,000/);
  });
});

describe('CSV columns', () => {
  it('reads quoted cells and takes host and port columns under a header', () => {
    const rows = parseCsv('ip,"note, with comma",port\r\n10.0.0.1,"say ""hi""",22\n10.0.0.2,,\n');
    expect(rows[1]).toEqual(['10.0.0.1', 'say "hi"', '22']);
    const lines = csvColumnLines(rows, 0, 2, true);
    expect(planBulk(lines).targets.map((t) => t.key)).toEqual(['10.0.0.1|22', '10.0.0.2|*']);
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
  });
});
