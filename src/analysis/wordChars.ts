/**
 * Character classes for the hand-written word scanners (nameRuns.tokenize, frames.lex): the same classes as
 * the Unicode property escapes \p{L}, \p{M} and \p{N}, without running a Unicode regex over every sentence,
 * which dominated analysis time. ASCII is decided inline; other code points once each, then remembered.
 */

const LETTER = 1;
const MARK = 2;
const NUMBER = 4;

const LETTER_TEST = /^\p{L}$/u;
const MARK_TEST = /^\p{M}$/u;
const NUMBER_TEST = /^\p{N}$/u;

/** Class bits of every BMP code point, computed on first use (0x80 marks "computed"). */
const bmpClasses = new Uint8Array(0x10000);

function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  return (LETTER_TEST.test(char) ? LETTER : 0) | (MARK_TEST.test(char) ? MARK : 0) | (NUMBER_TEST.test(char) ? NUMBER : 0);
}

function classOf(codePoint: number): number {
  if (codePoint < 0x80) {
    if ((codePoint >= 97 && codePoint <= 122) || (codePoint >= 65 && codePoint <= 90)) return LETTER;
    return codePoint >= 48 && codePoint <= 57 ? NUMBER : 0;
  }
  if (codePoint > 0xffff) return classify(codePoint);
  let bits = bmpClasses[codePoint]!;
  if (bits === 0) {
    bits = classify(codePoint) | 0x80;
    bmpClasses[codePoint] = bits;
  }
  return bits & 0x7f;
}

/** \p{L} or \p{M}. */
export const isLetterOrMark = (codePoint: number): boolean => (classOf(codePoint) & (LETTER | MARK)) !== 0;
/** \p{L}, \p{M} or \p{N}. */
export const isWordCodePoint = (codePoint: number): boolean => classOf(codePoint) !== 0;
/** \p{L} or \p{N}. */
export const isLetterOrNumber = (codePoint: number): boolean => (classOf(codePoint) & (LETTER | NUMBER)) !== 0;

/** Code units the code point at `at` takes (2 for an astral character written as a surrogate pair). */
export const codeUnits = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/** End of the run of word code points (\p{L}\p{M}\p{N}) starting at `at` (= at when there is none). */
export function wordRunEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length) {
    const codePoint = text.codePointAt(end)!;
    if (!isWordCodePoint(codePoint)) break;
    end += codeUnits(codePoint);
  }
  return end;
}

/** The characters \s matches. */
export function isWhiteSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
