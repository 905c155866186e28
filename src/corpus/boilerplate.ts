/**
 * Lines that are page furniture, not article text: photo credits, "Read more" links, ads, share buttons,
 * bylines, copyright notices. Each rule is a pattern of how such lines are written, anchored at the start or
 * end of a short line, so prose that merely mentions a photo or an agency is kept.
 */
import { wordsUpTo } from './inline.js';

/** `Photo: …`, `Image credit – …`, `(Photo by …)`, `Photo courtesy of …`, `Image source, …`. */
const PHOTO_LABEL =
  /^[([]?\s*(?:(?:file |top |featured |header |lead )?(?:photo(?:graph)?s?|images?|pictures?|pictured|illustrations?|graphics?|captions?|credits?|videos?)(?:\s+(?:credits?|captions?|source))?\s*(?:[:|–—]|-\s)|(?:photo(?:graph)?s?|images?|pictures?|illustrations?|videos?)\s+(?:by|courtesy|credit|via)\b|(?:image|media)\s+(?:source|caption)\b)/i;
/** A caption ending with its credit: `… (Photo by Jane Roe/Getty Images)`. */
const PHOTO_TAIL = /\((?:file )?(?:photo(?:graph)?s?|images?|pictures?|illustrations?)\b[^()]{0,160}\)\s*$/i;
/** Photo agencies, as a credit names them after a slash or bar: `Jane Roe/Getty Images`, `Jane Roe | Reuters`. */
const AGENCIES = new Set(
  ['getty images', 'getty image', 'afp', 'ap', 'ap photo', 'associated press', 'reuters', 'epa', 'epa-efe', 'shutterstock', 'alamy',
    'istock', 'istockphoto', 'nurphoto', 'sipa', 'sipa usa', 'bloomberg', 'anadolu', 'anadolu agency', 'xinhua', 'tass', 'dpa',
    'pa', 'pa images', 'pa wire', 'pa media', 'zuma', 'zuma press', 'zuma wire', 'imago', 'sopa images', 'lightrocket', 'corbis',
    'ap images', 'getty'],
);

/** A credit line: an agency alone, after `/` or `|`, or after "via" / "for" Getty Images. Plain string work, no scan. */
function isAgencyCredit(text: string): boolean {
  // Cheap string tests first: nearly every line has none of these marks.
  if (!text.includes('/') && !text.includes('|') && !text.includes(' via ') && !text.includes(' for ') && text.length > 40) return false;
  const bare = (value: string) => value.trim().replace(/[).]+$/, '').trim().toLowerCase();
  if (AGENCIES.has(bare(text))) return true;
  const slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('|'));
  if (slash >= 0 && AGENCIES.has(bare(text.slice(slash + 1)))) return true;
  const lower = text.toLowerCase();
  const via = Math.max(lower.lastIndexOf(' via '), lower.lastIndexOf(' for '));
  return via >= 0 && bare(text.slice(via + 5)).startsWith('getty') && AGENCIES.has(bare(text.slice(via + 5)));
}

const READ_MORE =
  /^(?:read|read (?:more|also|next|the full story)|also read|see also|more on this(?: story)?|more from [^:]{1,40}|recommended(?: reading)?|you (?:may|might) also like|related(?: (?:articles?|stories|coverage|content|news|reading|links?|topics?))?|watch|listen|more|tags|topics|filed under|categories)\s*(?::|»|>|\||$)/i;
const ADVERTISEMENT =
  /^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues (?:below|after)(?: (?:this )?advertisement)?|continue reading(?: below| the main story)?|scroll to continue(?: with content)?|skip advert(?:isement)?)\s*$/i;
const SOCIAL =
  /^(?:share (?:this|on|via)\b|share\s*$|tweet\s*$|email\s*$|print\s*$|follow (?:us|\S+ on)\b|like us on\b|sign up (?:for|to|here)\b|subscribe (?:to|for|now|here)\b|join (?:us|our) (?:on|\S+ channel)\b|get (?:our|the) [\w ]{0,20}newsletter\b|click here\b|download (?:our|the) app\b)/i;
const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s*(?:19|20)\d\d\b)/i;
const RIGHTS_RESERVED = /all rights reserved\.?\s*$/i;
/** `Reporting by Ana Ruiz; Editing by Tom Hale`: a name follows "by" ("Compiled by a team of experts…" is prose). */
const CREDIT_TRAILER = /^\(?(?:additional )?(?:reporting|writing|editing|written|edited|produced|compiled|contributed)\s+by\s+(\S)/i;
const SEPARATOR = /^(?:[-*_=~•·]\s*){3,}$/;
/** "Scroll down for video", "Scroll down to see more pictures": page layout, not text. */
const SCROLL_DOWN = /^(?:scroll|swipe)\s+(?:down|up|right|left|across)\b[^.!?]{0,60}[.!?]?\s*$/i;

/** True for a line of page furniture that should never reach the article text. Expects tidy text (see tidyText). */
export function isBoilerplate(line: string): boolean {
  const text = line.trim();
  if (text === '') return true;
  // End-anchored patterns look at the tail only: a regex ending in $ would otherwise scan the whole line.
  const tail = text.length > 200 ? text.slice(-200) : text;
  if (PHOTO_LABEL.test(text)) return true;
  // Most paragraphs are long prose: past 300 characters only a caption ending in "(Photo by …)" is furniture.
  if (text.length > 300) return text.length <= 800 && text.endsWith(')') && PHOTO_TAIL.test(tail) && wordsUpTo(text, 80) <= 80;
  if (SEPARATOR.test(text) || (text.includes(')') && PHOTO_TAIL.test(tail))) return true;
  const words = wordsUpTo(text, 40);
  if (words <= 25 && isAgencyCredit(text)) return true;
  if (words <= 40 && (READ_MORE.test(text) || COPYRIGHT.test(text) || (tail.includes('eserved') && RIGHTS_RESERVED.test(tail)) || text.includes('©'))) return true;
  if (words <= 25 && (ADVERTISEMENT.test(text) || SOCIAL.test(text) || SCROLL_DOWN.test(text))) return true;
  if (words <= 40 && isCaptionLine(text)) return true;
  const trailer = words <= 40 ? CREDIT_TRAILER.exec(text) : null;
  if (trailer && /[\p{Lu}\p{N}]/u.test(trailer[1]!)) return true;
  return false;
}

const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|[\p{Lu}]\.)$/u;
const NAME_JOINER = /^(?:and|&|de|da|del|della|der|den|van|von|la|le|du|dos|bin|ibn|al|el)$/i;
/** Words that follow "By" in prose ("By Friday, …"), never in a byline. */
const NOT_A_NAME =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall|winter|noon|midnight|then|now|contrast|comparison|law|design|default|far|then|the|this|that|these|those|all|most|some|many|one|two|three)$/i;

/**
 * `By Jane Doe`, `BY JANE DOE AND JOHN ROE`, `By Jane Doe, Associated Press` → the names; else null.
 * A byline is short, its names are capitalised words, and what follows a comma or bar is an outlet, not a clause.
 */
export function parseByline(line: string): string | null {
  const text = line.trim();
  const m = /^by\s+(.+)$/i.exec(text);
  if (!m || wordsUpTo(text, 14) > 14) return null;
  const rest = m[1]!;
  const cut = rest.search(/\s*(?:,|\||\s[-–—]\s|\bfor\b)/);
  const names = (cut >= 0 ? rest.slice(0, cut) : rest).trim();
  const tail = cut >= 0 ? rest.slice(cut).replace(/^\s*(?:,|\||[-–—]|for)\s*/, '') : '';
  if (tail !== '' && (wordsUpTo(tail, 6) > 6 || /[.!?]$/.test(tail))) return null;
  const words = names.split(/\s+/);
  if (words.length === 0 || words.length > 8 || /[.!?:;]$/.test(names.replace(/\b\p{Lu}\.$/u, ''))) return null;
  let nameWords = 0;
  for (const word of words) {
    if (NAME_JOINER.test(word)) continue;
    if (!NAME_WORD.test(word) || NOT_A_NAME.test(word)) return null;
    nameWords++;
  }
  if (nameWords === 0) return null;
  // BY JANE DOE → Jane Doe, so the author reads like a name.
  const shouted = names === names.toUpperCase() && /\p{Lu}{2}/u.test(names);
  return shouted ? names.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, lead: string, c: string) => lead + c.toUpperCase()) : names;
}

/**
 * `Guilty: …`, `Pictured: …`, `Heartbroken: …`: a one-to-three-word label and a colon open a photo caption (and
 * the turns of an interview transcript). Speech introductions ("He added: …", "Smith said: …") are not labels.
 */
const CAPTION_LABEL = /^[\p{Lu}][\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,2}:\s+(?=\S)/u;
const SPEECH_IN_LABEL = /\b(?:said|says|added|adds|told|tells|wrote|writes|asked|asks|explained|insisted|replied|warned|continued|noted|stated)\b|^(?:he|she|they|it|we|i|this|that|the|a|an|but|and|read|see|watch|update|more)\b/i;
/** `Jane Roe (pictured)`, `(left)`, `(above)`: words pointing at a photo. */
const PICTURE_POINTER = /\((?:pictured|left|right|centre|center|above|below|top|bottom|inset|file picture|file photo)\b[^()]{0,40}\)/i;
const TERMINAL = /[.!?]["”’')\]]*$/;

/** The text points at a photo ("Jane Roe (pictured) said …"): prose in some outlets, a caption in others. */
export function pointsAtPicture(text: string): boolean {
  return PICTURE_POINTER.test(text);
}

function hasCaptionLabel(text: string): boolean {
  const label = CAPTION_LABEL.exec(text);
  return label !== null && !SPEECH_IN_LABEL.test(label[0]) && !/\d/.test(label[0]);
}

/**
 * A sentence that reads like a photo caption or a transcript turn: it opens with a label, or points at a picture
 * without ending like a sentence. Such a sentence is no summary material.
 */
export function looksLikeCaption(text: string): boolean {
  const trimmed = text.trim();
  return hasCaptionLabel(trimmed) || (PICTURE_POINTER.test(trimmed) && !TERMINAL.test(trimmed));
}

/** A caption on a line of its own: a label or a picture pointer, a caption's length, and no full stop. */
function isCaptionLine(text: string): boolean {
  if (TERMINAL.test(text)) return false;
  if (PICTURE_POINTER.test(text)) return true;
  // A short labelled line may be a subheading ("Analysis: What the vote means"); a caption says more.
  return hasCaptionLabel(text) && wordsUpTo(text, 9) > 8;
}

/** Words that open a sentence and almost never follow a lowercase word inside one. */
const SENTENCE_OPENERS = new Set(
  ('The A An He She It They His Her Their Its This These Those There But Police Officers Mr Mrs Ms Miss Dr In On At After ' +
    'When While As Last Now Yesterday Today Earlier Speaking According One Two Three Some Many Both')
    .split(' '),
);
const FUNCTION_WORDS = new Set('a an the of in on at to for from by with and or but as than into onto about like via'.split(' '));

/**
 * A caption glued to the sentence after it with no full stop between them ("Guilty: John Smith, 45, leaving
 * court yesterday The judge said …"): returns [caption, rest], or null when the text does not open with one.
 * The cut goes before a sentence opener that follows a lowercase word, so "in The Hague" is never cut.
 */
export function splitGluedCaption(text: string): [string, string] | null {
  if (!hasCaptionLabel(text) && !PICTURE_POINTER.test(text.slice(0, 300))) return null;
  const tokens = [...text.matchAll(/\S+/g)];
  for (let k = 3; k < Math.min(tokens.length - 6, 45); k++) {
    const before = tokens[k - 1]![0];
    const word = tokens[k]![0];
    if (/[.!?:;,"”’]$/.test(before)) {
      // A sentence ends before the cut: the opening is a sentence of its own, not a glued caption.
      if (/[.!?]["”’]?$/.test(before)) return null;
      continue;
    }
    if (!SENTENCE_OPENERS.has(word) || !/^[\p{Ll}\p{N}]/u.test(before) && !before.endsWith(')')) continue;
    if (FUNCTION_WORDS.has(before.toLowerCase())) continue;
    const caption = text.slice(0, tokens[k]!.index).trim();
    // Only a caption: a label, or a picture pointer before the cut.
    if (!hasCaptionLabel(caption) && !PICTURE_POINTER.test(caption)) return null;
    return [caption, text.slice(tokens[k]!.index).trim()];
  }
  return null;
}
