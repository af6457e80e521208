// A word-level diff of two texts (a banner before and after), so a changed banner shows what changed inside it
// instead of one whole removed block and one whole added block. Longest common subsequence over word and
// whitespace tokens; texts too large for that return null and the caller shows both whole.

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Words, runs of whitespace (line breaks included) and single punctuation marks, in order. */
export function tokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  const last = parts.at(-1);
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

export function diffWords(before: string, after: string, maxCells = 4_000_000): DiffPart[] | null {
  // Common prefix and suffix first: banners that change usually change in one place (a date, a version).
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if ((x.length + 1) * (y.length + 1) > maxCells) return null;

  // lcs[i][j]: length of the longest common subsequence of x[i..] and y[j..], in one flat array.
  const w = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * w);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  if (start) push(parts, 'same', a.slice(0, start).join(''));
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      push(parts, 'same', x[i]!);
      i++;
      j++;
    } else if (j < y.length && (i === x.length || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
      push(parts, 'added', y[j++]!);
    } else {
      push(parts, 'removed', x[i++]!);
    }
  }
  if (endA < a.length) push(parts, 'same', a.slice(endA).join(''));
  return parts;
}
