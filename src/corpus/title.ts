/** Titles: cut from the first sentence when a file has none, and shortened to fit a list or an embed. */

export const MAX_DERIVED_TITLE_CHARS = 100;

/** Words whose final period does not end a sentence ("U.S. President", "Dr. Smith", "Jan. 9"). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr inc corp co ltd vs no nos fig jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ ave blvd mt ft rev hon pres'.split(' '),
);

/** Index just past the end of the first sentence of `text` (or text.length). Linear. */
export function firstSentenceEnd(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let end = i + 1;
    while (end < text.length && /["”’')\]]/.test(text[end]!)) end++;
    if (end < text.length && text[end] !== ' ') continue;
    if (end >= text.length) return text.length;
    if (c === '.') {
      let wordStart = i;
      while (wordStart > 0 && wordStart > i - 40 && text[wordStart - 1] !== ' ') wordStart--;
      const word = text.slice(wordStart, i).replace(/^["“‘'(]+/, '');
      // "U.S." and "J." (initials) carry their own periods; listed abbreviations never end a sentence here.
      if (/^\p{L}$/u.test(word) || word.includes('.') || ABBREVIATIONS.has(word.toLowerCase())) continue;
    }
    const next = text.slice(end).trimStart().charAt(0);
    if (next === '' || /[\p{Lu}\p{N}"“‘'(]/u.test(next)) return end;
  }
  return text.length;
}

/** Shortens at a word boundary to at most `max` characters, ending with `…` when cut. */
export function shortenTitle(text: string, max = MAX_DERIVED_TITLE_CHARS): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace >= max / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:–—-]+$/, '')}…`;
}

/** A title made from the first sentence: without its final period, shortened. */
export function deriveTitle(text: string): string {
  // Only the opening matters: a sentence longer than this is cut to the title length anyway.
  const opening = text.slice(0, 4 * MAX_DERIVED_TITLE_CHARS);
  const sentence = opening.slice(0, firstSentenceEnd(opening)).trim();
  return shortenTitle(sentence.replace(/\.$/, ''));
}
