/**
 * How a set of summaries reads, counted per article: a "But…/He…" sentence without the sentence before it, a
 * photo caption or page furniture, a summary that starts or ends inside a quotation.
 */
import { isBoilerplate, looksLikeCaption } from '../../src/corpus/boilerplate.js';
import { leansOnPrevious } from '../../src/analysis/summarize/eligibility.js';
import { quoteOpenAfter } from '../../src/analysis/summarize/select.js';
import type { Sentence } from '../../src/analysis/types.js';

export interface ReadabilityCounts {
  'opener without antecedent': number;
  caption: number;
  boilerplate: number;
  'cut inside a quotation': number;
}

export function readabilityProblems(summaries: readonly string[][], articles: readonly (readonly Sentence[])[]): ReadabilityCounts {
  const counts: ReadabilityCounts = { 'opener without antecedent': 0, caption: 0, boilerplate: 0, 'cut inside a quotation': 0 };
  summaries.forEach((summary, a) => {
    const sentences = articles[a]!;
    const texts = sentences.map((sentence) => sentence.text);
    // Positions of the summary's sentences (each is an article sentence, in order).
    const positions: number[] = [];
    let from = 0;
    for (const text of summary) {
      const at = texts.indexOf(text, from);
      positions.push(at);
      from = at + 1;
    }
    const taken = new Set(positions);
    const openBefore: boolean[] = [];
    let open = false;
    sentences.forEach((sentence, k) => {
      const sameBlock = k > 0 && sentences[k - 1]!.block === sentence.block;
      openBefore.push(sameBlock && open);
      open = quoteOpenAfter(sentence.text, sameBlock && open);
    });
    let dangling = false;
    let caption = false;
    let furniture = false;
    let cut = false;
    positions.forEach((at, k) => {
      const text = summary[k]!;
      const previous = at - 1;
      if (previous >= 0 && !taken.has(previous) && leansOnPrevious(text)) dangling = true;
      if (looksLikeCaption(text)) caption = true;
      if (isBoilerplate(text) || /\bscroll down\b/i.test(text)) furniture = true;
      if (at >= 0 && openBefore[at] && !taken.has(previous)) cut = true;
      if (at >= 0 && at + 1 < sentences.length && openBefore[at + 1] && !taken.has(at + 1)) cut = true;
    });
    if (dangling) counts['opener without antecedent']++;
    if (caption) counts.caption++;
    if (furniture) counts.boilerplate++;
    if (cut) counts['cut inside a quotation']++;
  });
  return counts;
}
