/**
 * Direct, indirect and mixed quotes in one article, attributed to a speaker.
 *
 * 1. Quote marks are paired (quoteSpans.ts) and masked, so that speech verbs inside quotes are ignored.
 * 2. Sentences joined by a quote that runs across them form one stretch; each stretch is searched for
 *    reporting frames (frames.ts): a speaker phrase and the content it reports.
 * 3. A quote inside a frame's content is direct when it starts the content; one inside reported words
 *    makes the whole reported clause a mixed quote, the quoted words kept in their marks ("the plan was
 *    “dead on arrival” because …"); a frame whose content has no quote gives an indirect quote.
 * 4. A quote with no frame continues the previous quote (same paragraph, or the paragraph before when it
 *    opens a paragraph), or belongs to the person who is the subject of the sentence just before it.
 *    A short phrase in quote marks with none of these is a scare quote or a title, and is dropped.
 */
import { findFrames, lex, QUOTE_MASK, RESUMING_VERBS, type Frame } from './frames.js';
import { mentionsOf, type Mention } from './people.js';
import { findQuoteSpans, type QuoteSpan } from './quoteSpans.js';
import { SpeakerResolver, type SpeakerRef } from './speakers.js';
import { ALL_SPEECH_VERBS } from './speechVerbs.js';
import { DATELINE_PLACES, DEMONYM_PATTERN } from './nameLexicon.js';
import type { ArticlePerson, Quote, QuoteKind, Sentence } from './types.js';

interface Stretch {
  start: number;
  end: number;
  block: number;
  /** Index of the first sentence in the stretch. */
  sentence: number;
  spans: number[];
}

interface Attribution {
  speaker: SpeakerRef;
  kind: QuoteKind;
  /** A partial quote given as part of its reported clause, not on its own. */
  inClause?: boolean;
}

const HAS_LETTER = /\p{L}/u;

/** HAS_LETTER.test(text.slice(from, to)), deciding from the leading ASCII without slicing (most sentences open with a letter). */
function hasLetter(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0x80) return HAS_LETTER.test(text.slice(at, to));
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  }
  return false;
}
const SPEECH_WORD = new RegExp(`\\b(?:${[...ALL_SPEECH_VERBS, 'according'].join('|')})\\b`, 'i');
const mayReport = (text: string): boolean => SPEECH_WORD.test(text);

/** Words a direct quote needs to count as speech when nothing attributes it. */
const MIN_FREE_QUOTE_WORDS = 4;

export function extractQuotes(body: string, sentences: readonly Sentence[], people: readonly ArticlePerson[], mentions?: readonly Mention[]): Quote[] {
  const spans = findQuoteSpans(body);
  const masked = maskQuotes(body, spans);
  const inQuote = quoteLookup(body.length, spans);
  const sentenceOf = sentenceLookup(body.length, sentences);
  const narrated = sentences.map((sentence) => hasLetter(masked, sentence.start, sentence.end));
  const resolver = new SpeakerResolver(
    body, people, mentions ?? mentionsOf(sentences, people), inQuote, sentenceOf,
    (index) => narrated[index] ?? true, (index) => sentences[index]?.start ?? -1,
  );
  const stretches = buildStretches(sentences, spans);
  const attributed: Array<Attribution | null> = spans.map(() => null);
  const quotes: Quote[] = [];
  const reportedOnce = new Set<string>();

  let introduced: SpeakerRef | null = null;
  for (const stretch of stretches) {
    const pendingIntro = introduced;
    introduced = null;
    const text = masked.slice(stretch.start, stretch.end);
    // Most sentences report nothing: only those with a quote or a speech verb are parsed.
    const frames = stretch.spans.length > 0 || mayReport(text) ? findFrames(lex(text, stretch.start), resolver.classify) : [];
    const reported = frames.flatMap((frame) => frame.content);
    for (const frame of frames) {
      const speaker = resolver.resolve(frame.speaker[0], frame.speaker[1], reported);
      resolver.record(speaker, frame.speaker[0]);
      if (frame.introducesNext) introduced = speaker;
      // "X said that A and that B": each reported clause stands alone (a quote in one makes only that one mixed).
      for (const content of splitClauses(body, frame.content)) {
        const inside = stretch.spans.filter((index) => content.some(([from, to]) => overlaps(spans[index]!, from, to)));
        let partlyQuoted = false;
        let direct = 0;
        for (const index of inside) {
          if (attributed[index]) continue;
          const kind = quoteKind(body, spans[index]!, { ...frame, content });
          // A name or title in quote marks inside reported words ("the villain “Jaws,” died") is nobody's words.
          if (kind === 'mixed' && isTitle(body.slice(spans[index]!.start, spans[index]!.end).split(/\s+/).filter((word) => word !== '')) && spanWords(body, spans[index]!) <= 3) continue;
          // A show or paper named after a possessive or preposition (on CBS's “Face the Nation”) is a title, not speech.
          if (isNamedWork(body, spans[index]!)) continue;
          // A partial quote is reported as the whole clause around it, its quoted words kept in their marks.
          attributed[index] = { speaker, kind, inClause: kind === 'mixed' };
          if (kind === 'mixed') partlyQuoted = true;
          else direct++;
        }
        if (partlyQuoted || (direct === 0 && !frame.mixedOnly && !frame.quoteOnly)) {
          const quote = reportedClause(body, content, speaker, people, partlyQuoted ? 'mixed' : 'indirect');
          // "vowed to talk … but warned the government would …": two verbs of one speaker may reach the same clause.
          const key = quote && `${quote.start}:${quote.end}:${quote.speakerType}:${quote.speaker}`;
          if (quote && key && !reportedOnce.has(key)) {
            reportedOnce.add(key);
            quotes.push(quote);
          }
        }
      }
    }
    // "In a statement, the founder, Lucy Grant, said:" ends a paragraph; the quote opening the next one is hers.
    if (pendingIntro) {
      const first = stretch.spans[0];
      if (first !== undefined && !attributed[first] && masked.slice(stretch.start, spans[first]!.open).trim() === '') {
        attributed[first] = { speaker: pendingIntro, kind: 'direct' };
      }
    }
    for (const index of stretch.spans) {
      if (attributed[index] || !isFreeStanding(body, masked, stretch, spans[index]!)) continue;
      attributed[index] = carryOver(index, spans, attributed, stretch, stretches, resolver, body);
      const speaker = attributed[index]?.speaker;
      if (speaker?.type === 'person') resolver.record(speaker, spans[index]!.open);
    }
  }
  propagateAlongChains(spans, attributed);

  spans.forEach((span, index) => {
    const attribution = attributed[index];
    if (!attribution || attribution.inClause || span.end <= span.start) return;
    quotes.push(makeQuote(body.slice(span.start, span.end), attribution.kind, attribution.speaker, people, span.start, span.end));
  });
  return quotes.sort((a, b) => a.start - b.start);
}

function maskQuotes(body: string, spans: readonly QuoteSpan[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(body.slice(at, span.open), QUOTE_MASK.repeat(span.close - span.open));
    at = span.close;
  }
  parts.push(body.slice(at));
  return parts.join('');
}

function quoteLookup(length: number, spans: readonly QuoteSpan[]): (position: number) => boolean {
  const marks = new Uint8Array(length + 1);
  for (const span of spans) marks.fill(1, span.open, span.close);
  return (position) => marks[position] === 1;
}

function sentenceLookup(length: number, sentences: readonly Sentence[]): (position: number) => number {
  const owner = new Int32Array(length + 1).fill(-1);
  sentences.forEach((sentence, index) => owner.fill(index, sentence.start, Math.max(sentence.start, sentence.end) + 1));
  let last = 0;
  for (let i = 0; i < owner.length; i++) {
    if (owner[i]! < 0) owner[i] = last;
    else last = owner[i]!;
  }
  return (position) => owner[Math.min(Math.max(position, 0), length)]!;
}

/** Consecutive sentences of one paragraph joined while a quote runs across their boundary. */
function buildStretches(sentences: readonly Sentence[], spans: readonly QuoteSpan[]): Stretch[] {
  const blockEnds = new Map<number, number>();
  for (const sentence of sentences) blockEnds.set(sentence.block, Math.max(blockEnds.get(sentence.block) ?? 0, sentence.end));
  const stretches: Stretch[] = [];
  let spanIndex = 0;
  sentences.forEach((sentence, index) => {
    if (sentence.heading) return;
    const last = stretches[stretches.length - 1];
    const sameBlock = last !== undefined && last.block === sentence.block;
    const crossing = sameBlock && sentence.start < last.end;
    // "“…?” Orender said." — a short attribution split off after a quote's question mark joins the quote.
    const attribution = sameBlock && !crossing && last.spans.length > 0 && isShortAttribution(sentence.text)
      && spans[last.spans[last.spans.length - 1]!]!.close >= last.end - 1;
    if (crossing || attribution) {
      last.end = Math.max(last.end, sentence.end);
    } else {
      stretches.push({ start: sentence.start, end: sentence.end, block: sentence.block, sentence: index, spans: [] });
    }
    const current = stretches[stretches.length - 1]!;
    while (spanIndex < spans.length && spans[spanIndex]!.open < current.end) {
      if (spans[spanIndex]!.open >= current.start) {
        current.spans.push(spanIndex);
        current.end = Math.max(current.end, Math.min(spans[spanIndex]!.close, blockEnds.get(sentence.block) ?? current.end));
      }
      spanIndex++;
    }
  });
  return stretches;
}

function isShortAttribution(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length <= 8 && /[.!?]$/.test(text) && !/["“”«»„]/.test(text) && words.some((word) => ALL_SPEECH_VERBS.has(word.toLowerCase().replace(/[.,;:!?]+$/, '')));
}

const overlaps = (span: QuoteSpan, from: number, to: number): boolean => span.open < to && span.close > from;

/** Direct when the quote opens the reported content with a capital; mixed when it sits inside reported words. */
function quoteKind(body: string, span: QuoteSpan, frame: Frame): QuoteKind {
  const opensContent = frame.content.some(([from]) => span.open <= from + 1);
  const capital = /^[\p{Lu}\p{N}'"‘“]/u.test(body.slice(span.start, span.start + 1));
  return opensContent && (capital || frame.content.length > 1 || isAfterContent(span, frame)) ? 'direct' : 'mixed';
}

/** The quote is the whole content of a postposed frame ("“…,” she said"). */
const isAfterContent = (span: QuoteSpan, frame: Frame): boolean => frame.content.length === 1 && frame.content[0]![0] >= span.open && span.close >= frame.content[0]![1] && frame.verbStart > span.close;

/**
 * A quote that could be speech on its own: it opens its stretch (or follows a colon or another quote)
 * and is long enough not to be a scare quote or a title.
 */
const QUOTE_MASKS = new RegExp(QUOTE_MASK, 'g');

function isFreeStanding(body: string, masked: string, stretch: Stretch, span: QuoteSpan): boolean {
  const before = masked.slice(stretch.start, span.open).replace(QUOTE_MASKS, '').trim();
  if (before !== '' && !before.endsWith(':')) return false;
  const text = body.slice(span.start, span.end);
  const words = text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  // A paragraph that is nothing but a short quote is a subheading ("'Could have been much worse'.").
  const after = masked.slice(span.close, stretch.end).replace(/[\s.!?]/g, '');
  if (before === '' && after === '' && words.length <= 8 && !span.unclosed && span.continues < 0 && stretch.start === paragraphOpen(body, stretch.start)) return false;
  if (words.length >= MIN_FREE_QUOTE_WORDS) return !isTitle(words);
  return /[.!?]$/.test(text) && words.length >= 2 && !isTitle(words);
}

function isNamedWork(body: string, span: QuoteSpan): boolean {
  const words = body.slice(span.start, span.end).replace(/[.,!?]+$/, '').split(/\s+/).filter((word) => word !== '');
  return words.length <= 6 && isTitle(words) && /(?:['’]s|\b(?:on|in|to|of|from|for|by))\s*$/i.test(body.slice(Math.max(0, span.open - 12), span.open));
}

const spanWords = (body: string, span: QuoteSpan): number => body.slice(span.start, span.end).split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;

/** Where the paragraph holding `at` starts. */
const paragraphOpen = (body: string, at: number): number => body.lastIndexOf('\n\n', at - 1) + (body.lastIndexOf('\n\n', at - 1) >= 0 ? 2 : 1);

const isTitle = (words: readonly string[]): boolean => words.length <= 8 && words.every((word) => /^\p{Lu}/u.test(word) || /^(?:of|the|a|an|and|or|in|on|for|to|at|with|from|by|about)$/.test(word));

/** A quote with no frame of its own: continuation of the previous quote, or the subject of the sentence before. */
function carryOver(
  index: number, spans: readonly QuoteSpan[], attributed: ReadonlyArray<Attribution | null>, stretch: Stretch,
  stretches: readonly Stretch[], resolver: SpeakerResolver, body: string,
): Attribution | null {
  const span = spans[index]!;
  const chained = span.continues >= 0 ? attributed[span.continues] : null;
  if (chained) return { speaker: chained.speaker, kind: 'direct' };
  // "Kelly Brandt, who runs the farm bureau, was blunt: “…”": the subject of the words before the colon speaks.
  if (endsWithColon(body, stretch.start, span.open) && spans.every((other) => other.open >= span.open || other.close <= stretch.start)) {
    const subject = subjectOf({ ...stretch, end: span.open }, body, resolver);
    if (subject) return { speaker: subject, kind: 'direct' };
  }
  const previous = previousQuote(index, spans, attributed, body);
  const opensParagraph = stretch.start === paragraphStart(stretches, stretch.block) && stretch.start === stretchStartOf(stretch);
  if (previous !== null) {
    const earlier = spans[previous]!;
    const near = earlier.block === span.block || (earlier.block === span.block - 1 && opensParagraph);
    if (near && attributed[previous]?.kind === 'direct') return { speaker: attributed[previous]!.speaker, kind: 'direct' };
  }
  // The speaker introduced in the sentence before: "X, the union leader, was blunt. “…”"
  const position = stretches.indexOf(stretch);
  const before = stretches[position - 1];
  if (!before || before.spans.length > 0 || (before.block !== stretch.block && !(before.block === stretch.block - 1 && opensParagraph))) return null;
  const subject = subjectOf(before, body, resolver);
  return subject ? { speaker: subject, kind: 'direct' } : null;
}

const stretchStartOf = (stretch: Stretch): number => stretch.start;

/** Whether body[from, to) ends with a colon, spaces aside. */
function endsWithColon(body: string, from: number, to: number): boolean {
  let at = to - 1;
  while (at >= from && /\s/.test(body[at]!)) at--;
  return at >= from && body[at] === ':';
}

function paragraphStart(stretches: readonly Stretch[], block: number): number {
  return stretches.find((stretch) => stretch.block === block)?.start ?? -1;
}

/** The latest quote before `index` that has a speaker, if no other quote lies between. */
function previousQuote(index: number, spans: readonly QuoteSpan[], attributed: ReadonlyArray<Attribution | null>, body: string): number | null {
  let previous = index - 1;
  // A show title in between ("said on CBS's “Face the Nation.” “…”") does not break the run of quotes.
  while (previous > 0 && !attributed[previous] && isNamedWork(body, spans[previous]!)) previous--;
  if (previous < 0 || !attributed[previous]) return null;
  return spans[previous]!.block >= spans[index]!.block - 1 ? previous : null;
}

/** The person (or pronoun) that opens a sentence: "She spoke to us …", "Ortiz was blunt." */
function subjectOf(stretch: Stretch, body: string, resolver: SpeakerResolver): SpeakerRef | null {
  const text = body.slice(stretch.start, stretch.end);
  const clause = /^(?:[^,]{0,60},\s+)?([^,]+)/.exec(text);
  if (!clause) return null;
  for (const offset of [clause.index + clause[0].length - clause[1]!.length, 0]) {
    const start = stretch.start + offset;
    const pronoun = /^(?:he|she)\b/i.exec(text.slice(offset));
    if (pronoun) {
      const speaker = resolver.resolve(start, start + pronoun[0].length);
      return speaker.type === 'person' ? speaker : null;
    }
    const firstWords = /^\S+(?:\s+\S+){0,3}/.exec(text.slice(offset))?.[0] ?? '';
    const speaker = resolver.resolve(start, start + firstWords.length);
    if (speaker.type === 'person') return speaker;
  }
  return null;
}

/** A quote over several paragraphs shares one speaker, whichever paragraph names it. */
function propagateAlongChains(spans: readonly QuoteSpan[], attributed: Array<Attribution | null>): void {
  for (let index = spans.length - 1; index >= 0; index--) {
    const previous = spans[index]!.continues;
    if (previous >= 0 && attributed[index] && !attributed[previous]) attributed[previous] = { speaker: attributed[index]!.speaker, kind: 'direct' };
  }
  for (let index = 0; index < spans.length; index++) {
    const previous = spans[index]!.continues;
    if (previous >= 0 && attributed[previous] && !attributed[index]) attributed[index] = { speaker: attributed[previous]!.speaker, kind: 'direct' };
  }
}

const TRAILING_JOINERS = /(?:[\s,;:—–-]+|\s+(?:though|although|but|and|while|whereas|as|because|which|who))+$/i;

/** Splits reported content at "and that" / "but that" into separate clauses. */
function splitClauses(body: string, content: ReadonlyArray<[number, number]>): Array<Array<[number, number]>> {
  const parts: Array<Array<[number, number]>> = [[]];
  for (const [from, to] of content) {
    let start = from;
    for (const match of body.slice(from, to).matchAll(/,?\s+(?:and|but)\s+that\s+/g)) {
      parts[parts.length - 1]!.push([start, from + match.index]);
      parts.push([]);
      start = from + match.index + match[0].length;
    }
    parts[parts.length - 1]!.push([start, to]);
  }
  return parts.filter((part) => part.length > 0);
}

/** Words a reported clause needs; a partial quote makes even a short one speech ("called it “absurd”"). */
const MIN_CLAUSE_WORDS: Record<QuoteKind, number> = { indirect: 3, mixed: 2, direct: 1 };

function reportedClause(body: string, content: ReadonlyArray<[number, number]>, speaker: SpeakerRef, people: readonly ArticlePerson[], kind: 'indirect' | 'mixed'): Quote | null {
  if (content.length === 0) return null;
  const pieces = content.map(([from, to]) => body.slice(from, to).trim()).filter((piece) => piece !== '');
  let text = pieces.join(' ').replace(/^that\s+/i, '').replace(/[.!?]+$/, '');
  if (content[0]![0] === firstWordAt(body)) text = withoutGluedDateline(text);
  let previous = '';
  while (previous !== text) {
    previous = text;
    text = text.replace(TRAILING_JOINERS, '').replace(/[.!?]+$/, '');
  }
  if (text.split(/\s+/).length < MIN_CLAUSE_WORDS[kind]) return null;
  // "a government they say is shortchanging its duties": a clause with no subject is a relative clause's
  // remark, whose subject is a noun outside the report.
  if (RESUMING_VERBS.has(text.slice(0, text.search(/\s|$/)).toLowerCase())) return null;
  const start = content[0]![0];
  const end = content[content.length - 1]![1];
  return makeQuote(text, kind, speaker, people, start, end);
}

/** Where the body's first word starts. */
const firstWordAt = (body: string): number => body.search(/\S/);

const SENTENCE_OPENERS = new Set(['The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'This', 'Police', 'Officials', 'Authorities']);

/**
 * "London Pakistani police are searching …", "Las Vegas The National Security Agency's …": a dateline whose
 * "(CNN) --" was lost stays glued to the article's first words; it is not part of what anyone said.
 */
function withoutGluedDateline(text: string): string {
  const words = text.split(' ');
  for (const length of [2, 1]) {
    const next = words[length];
    if (next === undefined || !DATELINE_PLACES.has(words.slice(0, length).join(' ').toLowerCase())) continue;
    if (SENTENCE_OPENERS.has(next) || (DEMONYM_PATTERN.test(next) && /^\p{Lu}\p{Ll}/u.test(next))) return words.slice(length).join(' ');
  }
  return text;
}

function makeQuote(text: string, kind: QuoteKind, speaker: SpeakerRef, people: readonly ArticlePerson[], start: number, end: number): Quote {
  if (speaker.type === 'person') return { text, kind, speaker: people[speaker.person]!.name, speakerType: 'person', start, end };
  return { text, kind, speaker: speaker.phrase === '' ? null : speaker.phrase, speakerType: speaker.type, start, end };
}
