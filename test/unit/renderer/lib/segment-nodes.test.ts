// Visible-text segments turned into DOM nodes: attacker-controlled text only ever becomes text nodes and marked
// spans whose content is set as text, the text reads exactly as the visible string, and a banner costs one text
// node per line and one span per escape. A recording stand-in for the document (the unit project has no DOM).
import { describe, expect, it } from 'vitest';
import { pairLineEnds } from '../../../../src-renderer/features/detail/line-ends';
import { segmentNodes } from '../../../../src-renderer/lib/ui/segment-nodes';
import { toSegments, toVisibleString } from '../../../../src-renderer/lib/visible-text';

interface FakeText {
  kind: 'text';
  data: string;
}
interface FakeElement {
  kind: 'element';
  tag: string;
  className: string;
  title: string;
  textContent: string;
  dataset: Record<string, string>;
}
type FakeNode = FakeText | FakeElement;

const doc = {
  createTextNode: (data: string): FakeText => ({ kind: 'text', data }),
  createElement: (tag: string): FakeElement => ({ kind: 'element', tag, className: '', title: '', textContent: '', dataset: {} }),
};

const nodesOf = (text: string): FakeNode[] => segmentNodes(doc, pairLineEnds(toSegments(text)));
const textOf = (nodes: FakeNode[]): string => nodes.map((n) => (n.kind === 'text' ? n.data : n.textContent)).join('');

describe('segment nodes', () => {
  it('reads exactly as the visible string, control characters and bidi controls marked, markup left as text', () => {
    const hostile = '<img src=x onerror=alert(1)>\u001b[31mRED\u001b[0m \u202Egnp.exe\u0000\r\n<script>x</script>';
    const nodes = nodesOf(hostile);
    expect(textOf(nodes)).toBe(toVisibleString(hostile));
    // Only spans are ever created, and only for escapes; the markup in the banner is in text nodes.
    const elements = nodes.filter((n): n is FakeElement => n.kind === 'element');
    expect(elements.every((e) => e.tag === 'span' && e.className.startsWith('esc'))).toBe(true);
    expect(elements.map((e) => e.textContent)).toEqual(['\\x1b[31m', '\\x1b[0m', '\\u202E', '\\0', '␍␊']);
    expect(nodes.filter((n) => n.kind === 'text').map((n) => (n as FakeText).data)).toContain('<img src=x onerror=alert(1)>');
    expect(textOf(nodes)).not.toContain('\u202E');
  });

  it('labels line ends (data-label, title) and joins the line break to the text after it', () => {
    const nodes = nodesOf('HTTP/1.1 200 OK\r\nServer: x\r\n\r\n');
    expect(nodes).toEqual([
      { kind: 'text', data: 'HTTP/1.1 200 OK' },
      expect.objectContaining({ kind: 'element', className: 'esc ctl', textContent: '␍␊', dataset: { label: 'CRLF' }, title: 'carriage return and line feed (CRLF)' }),
      { kind: 'text', data: '\nServer: x' },
      expect.objectContaining({ className: 'esc ctl', textContent: '␍␊' }),
      { kind: 'text', data: '\n' },
      expect.objectContaining({ className: 'esc ctl', textContent: '␍␊' }),
      { kind: 'text', data: '\n' },
    ]);
  });

  it('an eight-line banner costs a text node and a marked line end per line (and the last line break)', () => {
    const banner = Array.from({ length: 8 }, (_, i) => `Header-${i}: value\r\n`).join('');
    expect(nodesOf(banner)).toHaveLength(8 * 2 + 1);
    expect(nodesOf('plain text')).toEqual([{ kind: 'text', data: 'plain text' }]);
    expect(nodesOf('')).toEqual([]);
  });

  it('one-line fields mark a line feed without breaking the line', () => {
    const nodes = segmentNodes(doc, toSegments('a\nb'), false);
    expect(textOf(nodes)).toBe('a␊b');
    expect(nodes).toHaveLength(3);
  });
});
