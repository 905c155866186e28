/**
 * Which sentences may stand in a summary. Headings and page furniture never; fragments only when nothing
 * else exists; a sentence that leans on the one before it ("But…", "He…") only together with that one.
 */
import { isBoilerplate, looksLikeCaption, parseByline } from '../../corpus/boilerplate.js';
import { splitDateline, splitSourceTag } from '../../corpus/dateline.js';
import type { Sentence } from '../types.js';
import { codeUnits, isLetterOrNumber, isWhiteSpace } from '../wordChars.js';

/** Below this many words (after any dateline or source tag) a sentence is a fragment, not a statement. */
export const MIN_STATEMENT_WORDS = 8;

export type Eligibility = 'never' | 'fragment' | 'statement';

/** Lines that are not article prose even when the loader kept them, e.g. inside a paragraph. */
const FURNITURE =
  /^(?:\(?[\p{Lu}\p{N}][\p{L}\p{N}.&' -]{0,40}\)\s*$|(?:published|updated|last updated|posted|first published)\b[^.]{0,60}$|(?:click|tap) here\b|follow (?:us|@)|read (?:more|the full)|(?:source|sources|via|credit|credits)\s*:)/iu;

/**
 * Openers that refer back to the previous sentence: connectives and pronouns whose referent is there.
 * An optional opening quote mark is allowed before them.
 */
const LEANS_ON_PREVIOUS = new RegExp(
  String.raw`^["“‘'«(]?\s*(?:` +
    [
      'but', 'however', 'and', 'or', 'nor', 'yet', 'so', 'also', 'still', 'then', 'meanwhile', 'instead',
      'moreover', 'furthermore', 'nevertheless', 'nonetheless', 'therefore', 'thus', 'hence', 'otherwise',
      'besides', 'likewise', 'similarly', 'consequently', 'in addition', 'as a result', 'even so', 'in turn',
      'on the other hand', 'by contrast', 'in contrast', 'for example', 'for instance', 'that is why',
      'he', 'she', 'it', 'they', 'him', 'her', 'his', 'hers', 'its', 'their', 'them', 'this', 'that',
      'these', 'those', 'such', 'the latter', 'the former',
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}])`,
  'iu',
);

/** How usable a sentence is as summary material. */
export function eligibility(sentence: Sentence): Eligibility {
  const text = sentence.text.trim();
  if (sentence.heading || text === '') return 'never';
  if (isBoilerplate(text) || parseByline(text) !== null || FURNITURE.test(text)) return 'never';
  // A photo caption or a transcript turn ("Guilty: …", "CNN: …") is not a statement of the story.
  if (looksLikeCaption(text)) return 'never';
  // A sentence ending in a colon announces what follows ("He said:"); on its own it says nothing.
  if (/:\s*["“]?$/.test(text)) return 'never';
  const body = splitDateline(text)?.rest ?? splitSourceTag(text)?.rest ?? text;
  return hasWords(body, MIN_STATEMENT_WORDS) ? 'statement' : 'fragment';
}

/**
 * True when the sentence needs the previous one to be understood: it opens with such a word, or with a
 * lowercase letter (a continuation the splitter cut off, e.g. after an abbreviation it did not know).
 */
export function leansOnPrevious(text: string): boolean {
  const trimmed = text.trim();
  return LEANS_ON_PREVIOUS.test(trimmed) || /^["“‘'«(]?\s*\p{Ll}/u.test(trimmed);
}

/** A direct quotation or a question: rarely the statement a reader needs first. */
export function isQuoteOrQuestion(text: string): boolean {
  const trimmed = text.trim();
  return /^["“‘'«]/.test(trimmed) || /\?["”’'»)]*$/.test(trimmed);
}

/** Whether the text has `count` words with a letter or digit in them ("U.S." and "2,000" count; "—" does not). */
function hasWords(text: string, count: number): boolean {
  let found = 0;
  let at = 0;
  while (at < text.length) {
    while (at < text.length && isWhiteSpace(text.charCodeAt(at))) at++;
    let counted = false;
    while (at < text.length && !isWhiteSpace(text.charCodeAt(at))) {
      const codePoint = text.codePointAt(at)!;
      if (!counted && isLetterOrNumber(codePoint)) {
        counted = true;
        if (++found >= count) return true;
      }
      at += codeUnits(codePoint);
    }
  }
  return false;
}
