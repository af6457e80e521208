// A certificate entity's address (Graph's physicalAddress: street, city, state, postalCode, countryOrRegion) as
// lines of text, in the order an envelope has them. Anything else Graph puts there is kept as name: value lines.
const ORDER = ['street', 'city', 'state', 'postalCode', 'countryOrRegion'] as const;

export function addressLines(address: unknown): string[] {
  if (address === null || address === undefined) return [];
  if (typeof address !== 'object' || Array.isArray(address)) return [String(address)];
  const a = address as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : JSON.stringify(v));
  const lines: string[] = [];
  const street = text(a.street);
  if (street) lines.push(...street.split(/\r?\n/));
  const place = [text(a.postalCode), text(a.city)].filter(Boolean).join(' ');
  const region = [place, text(a.state)].filter(Boolean).join(', ');
  if (region) lines.push(region);
  const country = text(a.countryOrRegion);
  if (country) lines.push(country);
  for (const [k, v] of Object.entries(a)) {
    if ((ORDER as readonly string[]).includes(k) || k.startsWith('@odata')) continue;
    const t = text(v);
    if (t) lines.push(`${k}: ${t}`);
  }
  return lines;
}
