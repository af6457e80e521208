// Reading untrusted JSON records for import: a parse that cannot throw (a record that is not JSON is refused by
// its caller with its position) and the object test every record passes first.

/** The parsed value, or undefined when the text is not JSON (or there is no text). */
export function parseJsonOrUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
