// Visible-text segments (lib/visible-text.ts) as DOM nodes: one text node per run of ordinary characters and one
// marked span per escape, built with createTextNode/textContent only, so attacker-controlled text can never
// become markup. A template block per segment costs an anchor and an effect for each; a table of banners
// rebuilt on every scroll pays for those, this builds the same text with the fewest nodes.
import type { Segment } from '../visible-text';

/** What a marked span needs; a DOM element has it. */
export interface MarkSpan {
  className: string;
  title: string;
  textContent: string | null;
  dataset: { label?: string };
}

/** The two document calls the nodes are made with: a Document has them, and a unit test can record them. */
export interface NodeFactory<T, S extends MarkSpan> {
  createTextNode(text: string): T;
  createElement(tag: 'span'): S;
}

/**
 * The nodes for `segments`. With `lineBreaks` (multi-line text in a <pre>), an escape that ends a line is followed
 * by a real line break, joined to the text after it rather than a node of its own; short one-line fields leave it
 * out.
 */
export function segmentNodes<T, S extends MarkSpan>(doc: NodeFactory<T, S>, segments: readonly Segment[], lineBreaks = true): (T | S)[] {
  const out: (T | S)[] = [];
  let pending = '';
  for (const s of segments) {
    if (s.kind === 'text') {
      pending += s.text;
      continue;
    }
    if (pending) out.push(doc.createTextNode(pending));
    pending = lineBreaks && s.lineBreak ? '\n' : '';
    const mark = doc.createElement('span');
    mark.className = s.label ? 'esc ctl' : 'esc';
    if (s.label) mark.dataset.label = s.label;
    mark.title = s.title;
    mark.textContent = s.text;
    out.push(mark);
  }
  if (pending) out.push(doc.createTextNode(pending));
  return out;
}
