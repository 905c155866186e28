/** One spelling for comparing names: lowercase, accents and apostrophe styles removed, spaces collapsed. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

export function normalizeName(name: string): string {
  if (isPlainAscii(name)) return name.toLowerCase();
  const known = cache.get(name);
  if (known !== undefined) return known;
  const normal = normalize(name);
  // A bounded cache: names repeat within and across articles.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, normal);
  return normal;
}

/**
 * ASCII with no backtick and no whitespace but single inner spaces: most names. normalize() would only
 * lowercase them, which is cheaper than the cache lookup.
 */
function isPlainAscii(name: string): boolean {
  const last = name.length - 1;
  for (let at = 0; at <= last; at++) {
    const code = name.charCodeAt(at);
    if (code >= 0x80 || code === 0x60) return false;
    if (code <= 0x20 && (code !== 0x20 || at === 0 || at === last || name.charCodeAt(at + 1) === 0x20)) return false;
  }
  return true;
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
