// The CSV export read back the way spreadsheets read it: a strict RFC 4180 reader (comma separated, CRLF
// records), plus the checks a semicolon- or tab-separated reader (LibreOffice's usual choice in many
// locales) depends on. Banners and service fields are attacker-controlled, so no line of any cell may start
// a formula, and no separator of any dialect may split a cell.
import { describe, expect, it } from 'vitest';
import { csvCell, csvRows } from '../../../src-main/core/history/export-csv';
import { makeSnapshot } from '../../support/snapshots';

interface Field {
  value: string;
  quoted: boolean;
}

/** RFC 4180, strictly: CRLF after every record, quotes only around a whole field, "" inside quotes. */
function readCsv(text: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not RFC 4180 at offset ${i}: ${why} (${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))})`);
  };
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"') fail('quote inside an unquoted field');
        if (text[i] === '\n') fail('bare LF outside quotes');
        value += text[i++];
      }
    }
    record.push({ value, quoted });
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else {
      fail(i >= text.length ? 'last record without CRLF' : 'text after a closing quote or a bare CR');
    }
  }
  if (record.length > 0) fail('last record without CRLF');
  return records;
}

/** Offsets of ch that are outside quoted fields, i.e. where a reader splitting on ch would split. */
function splitPointsOutsideQuotes(text: string, ch: string): number[] {
  const points: number[] = [];
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') inQuotes = !inQuotes; // "" inside quotes toggles twice: still inside
    else if (text[i] === ch && !inQuotes) points.push(i);
  }
  return points;
}

/** A line a spreadsheet would evaluate: a formula character first (after blanks), or a tab. */
const LIVE_LINE = /^(?:[^\S\r\n]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|\t)/;

const HOSTILE: [banner: string, expected: string][] = [
  ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
  ["  +cmd|' /C calc'!A0", "'  +cmd|' /C calc'!A0"],
  ['ok\n=1+1', "ok\n'=1+1"],
  ['\uFF1D1+1', "'\uFF1D1+1"],
  ['\u3000\uFF20SUM(A1)', "'\u3000\uFF20SUM(A1)"],
  ['a;=1+1;b', 'a;=1+1;b'],
  ['220 ready\r\n -2+3\r\n\r\n\t@x', "220 ready\r\n' -2+3\r\n\r\n'\t@x"],
  ['\rcmd', "'\rcmd"],
  ['tab\tinside, "quoted"', 'tab\tinside, "quoted"'],
];

async function exportedCsv(): Promise<string> {
  const input = makeSnapshot(0, { hostPorts: 1 });
  const hp = structuredClone(input.hostPort);
  hp.port = 21;
  hp.banners = HOSTILE.map(([banner]) => ({ ...hp.banners[0]!, banner }));
  hp.services = [{ ...hp.services[0]!, component: { ...hp.services[0]!.component!, name: '@SUM(A1)', version: '-1+2', category: 'Remote; Access' } }];
  const text = csvRows([{ ...input, id: 'snapshot-1', savedAt: '2024-06-01T12:00:00.000Z', port: 21, hostPort: hp }]);
  expect(text.startsWith('\ufeff')).toBe(true);
  return text.slice(1);
}

describe('CSV export read back by spreadsheets', () => {
  it('parses as strict RFC 4180 with one field per column in every record', async () => {
    const records = readCsv(await exportedCsv());
    const header = records[0]!.map((f) => f.value);
    expect(records.length).toBe(1 + HOSTILE.length + 1);
    for (const r of records) expect(r.length).toBe(header.length);
  });

  it('defuses every hostile banner and service field, line by line, and quotes each defused cell', async () => {
    const records = readCsv(await exportedCsv());
    const header = records[0]!.map((f) => f.value);
    const col = (name: string) => header.indexOf(name);
    const bannerRows = records.filter((r) => r[col('kind')]!.value === 'banner');
    expect(bannerRows.map((r) => r[col('banner')]!.value)).toEqual(HOSTILE.map(([, expected]) => expected));
    const service = records.find((r) => r[col('kind')]!.value === 'service')!;
    expect(service[col('serviceName')]).toEqual({ value: "'@SUM(A1)", quoted: true });
    expect(service[col('serviceVersion')]).toEqual({ value: "'-1+2", quoted: true });
    expect(service[col('serviceCategory')]).toEqual({ value: 'Remote; Access', quoted: true });
    for (const field of records.flat()) {
      for (const line of field.value.split(/\r\n|\r|\n/)) expect(line, JSON.stringify(field.value)).not.toMatch(LIVE_LINE);
      if (field.value.startsWith("'")) expect(field.quoted, field.value).toBe(true);
    }
  });

  it('never lets a semicolon or tab separated reader split inside a cell', async () => {
    const text = await exportedCsv();
    expect(text).toContain(';');
    expect(text).toContain('\t');
    expect(splitPointsOutsideQuotes(text, ';')).toEqual([]);
    expect(splitPointsOutsideQuotes(text, '\t')).toEqual([]);
    for (const field of readCsv(text).flat()) {
      if (/[;\t\r\n",]/.test(field.value)) expect(field.quoted, JSON.stringify(field.value)).toBe(true);
    }
  });

  it('keeps numbers and ISO dates bare so spreadsheets read them as numbers and dates', async () => {
    const records = readCsv(await exportedCsv());
    const header = records[0]!.map((f) => f.value);
    const row = records[1]!;
    expect(row[header.indexOf('port')]).toEqual({ value: '21', quoted: false });
    expect(row[header.indexOf('timesObserved')]!.value).toMatch(/^\d+$/);
    expect(row[header.indexOf('timesObserved')]!.quoted).toBe(false);
    for (const name of ['savedAt', 'firstSeen', 'lastSeen']) {
      expect(row[header.indexOf(name)]!.value, name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(row[header.indexOf(name)]!.quoted, name).toBe(false);
    }
  });

  it('csvCell: formula starters after blanks and after line breaks, full-width forms, separators', () => {
    const cases: [string, string][] = [
      ['=1', `"'=1"`],
      [' \t=1', `"' \t=1"`],
      ['\uFF0B1', `"'\uFF0B1"`],
      ['\uFF0D1', `"'\uFF0D1"`],
      ['a\r=1', `"a\r'=1"`],
      ['a\r\n\r\nb', '"a\r\n\r\nb"'],
      ['a;b', '"a;b"'],
      ['a\tb', '"a\tb"'],
      ['2024-06-01T12:00:00Z', '2024-06-01T12:00:00Z'],
      ['a-b=c', 'a-b=c'],
    ];
    expect(cases.map(([input]) => csvCell(input))).toEqual(cases.map(([, out]) => out));
    expect(csvCell(21)).toBe('21');
  });
});
