/** One spelling for comparing names: lowercase, accents and apostrophe styles removed, spaces collapsed. */
export function normalizeName(name: string): string {
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
