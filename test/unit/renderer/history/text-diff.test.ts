import { describe, expect, it } from 'vitest';
import { diffWords, tokens } from '../../../../src-renderer/features/history/compare/text-diff';

const join = (parts: { kind: string; text: string }[], keep: string[]) => parts.filter((p) => keep.includes(p.kind)).map((p) => p.text).join('');

describe('diffWords', () => {
  it('marks only the changed word of a banner', () => {
    const parts = diffWords('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n', 'SSH-2.0-OpenSSH_9.3 Ubuntu-4ubuntu0.5\r\n');
    expect(parts).not.toBeNull();
    expect(parts!.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['OpenSSH_8', '2p1']);
    expect(parts!.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['OpenSSH_9', '3']);
    expect(join(parts!, ['same', 'removed'])).toBe('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n');
    expect(join(parts!, ['same', 'added'])).toBe('SSH-2.0-OpenSSH_9.3 Ubuntu-4ubuntu0.5\r\n');
  });

  it('rebuilds both texts exactly for line changes, insertions and deletions', () => {
    const before = 'HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\nDate: Mon, 01 Jan 2024\r\n';
    const after = 'HTTP/1.1 301 Moved Permanently\r\nServer: nginx/1.24.0\r\nX-Frame-Options: DENY\r\n';
    const parts = diffWords(before, after)!;
    expect(join(parts, ['same', 'removed'])).toBe(before);
    expect(join(parts, ['same', 'added'])).toBe(after);
    expect(parts.some((p) => p.kind === 'same' && p.text.includes('Server'))).toBe(true);
    for (let k = 1; k < parts.length; k++) expect(parts[k]!.kind).not.toBe(parts[k - 1]!.kind);
  });

  it('handles empty texts and identical texts', () => {
    expect(diffWords('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(diffWords('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
    expect(diffWords('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
  });

  it('gives up (null) on texts too large to compare word by word', () => {
    const big = (c: string) => Array.from({ length: 3000 }, (_, i) => `${c}${i}`).join(' ');
    expect(diffWords(big('a'), big('b'), 1_000_000)).toBeNull();
  });

  it('splits into words, whitespace and punctuation, losing nothing', () => {
    expect(tokens('220 FTP\r\n(vsFTPd 3.0.3)')).toEqual(['220', ' ', 'FTP', '\r\n', '(', 'vsFTPd', ' ', '3', '.', '0', '.', '3', ')']);
    expect(tokens('x\u0000y').join('')).toBe('x\u0000y');
  });
});
