// Keeps an element's children equal to visible-text segments, as a Svelte attachment (segment-nodes.ts builds them).
import type { Segment } from '../visible-text';
import { segmentNodes } from './segment-nodes';

/**
 * An attachment that keeps an element's children equal to the segments (plus `tail`, e.g. a mark that the text
 * was cut), rebuilt whenever what the getter reads changes.
 */
export function segmentsInto(segments: () => readonly Segment[], tail?: (el: HTMLElement) => Node | null, lineBreaks = true) {
  return (el: HTMLElement): void => {
    const nodes: Node[] = segmentNodes(el.ownerDocument, segments(), lineBreaks);
    const end = tail?.(el);
    if (end) nodes.push(end);
    el.replaceChildren(...nodes);
  };
}
