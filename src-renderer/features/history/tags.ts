// Tag editing rules, matching what the store accepts (at most 50 tags of at most 80 characters). Pure.

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 80;

/** "incident-42, vpn" → ["incident-42", "vpn"]: commas separate, whitespace around a tag is dropped. */
export function parseTagInput(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim().replace(/\s+/g, ' '))
    .filter((t) => t.length > 0);
}

/** Adds tags that are not there yet (case-insensitively), keeping the existing order. */
export function addTags(existing: readonly string[], added: readonly string[]): { tags: string[]; problem: string | null } {
  const tags = [...existing];
  const seen = new Set(existing.map((t) => t.toLowerCase()));
  let problem: string | null = null;
  for (const t of added) {
    if (t.length > MAX_TAG_LENGTH) {
      problem = `A tag is at most ${MAX_TAG_LENGTH} characters.`;
      continue;
    }
    if (seen.has(t.toLowerCase())) continue;
    if (tags.length >= MAX_TAGS) {
      problem = `A host port has at most ${MAX_TAGS} tags.`;
      break;
    }
    seen.add(t.toLowerCase());
    tags.push(t);
  }
  return { tags, problem };
}

export function removeTag(existing: readonly string[], tag: string): string[] {
  return existing.filter((t) => t !== tag);
}
