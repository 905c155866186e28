/** One spelling for comparing names: lowercase, accents and apostrophe styles removed, spaces collapsed. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

export function normalizeName(name: string): string {
  const known = cache.get(name);
  if (known !== undefined) return known;
  const normal = normalize(name);
  // A bounded cache: names repeat within and across articles.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, normal);
  return normal;
}

function normalize(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(name)) return name.toLowerCase().replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a name for comparison ("Jean-Luc O'Brien" → ["jean-luc", "o'brien"]). */
export function nameWords(name: string): string[] {
  return normalizeName(name).split(' ').filter((word) => word !== '');
}
