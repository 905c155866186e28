import { describe, expect, it } from 'vitest';
import type { ContentSentence } from '../../src/analysis/summarize/features.js';
import { leansOnPrevious } from '../../src/analysis/summarize/eligibility.js';
import { buildUnits, selectUnits, type SelectionLimits } from '../../src/analysis/summarize/select.js';
import { contentTerms, tfidfVectors } from '../../src/analysis/summarize/vectors.js';

/** Content sentences as prepareArticle makes them; `blocks` gives each sentence's paragraph (default: its own). */
function content(texts: readonly string[], blocks: readonly number[] = texts.map((_, k) => k)): ContentSentence[] {
  const { vectors } = tfidfVectors(texts.map(contentTerms));
  return texts.map((text, index) => ({
    index,
    block: blocks[index]!,
    text,
    words: text.split(/\s+/).length,
    leans: index > 0 && leansOnPrevious(text),
    eligibility: 'statement',
    vector: vectors[index]!,
    features: [],
  }));
}

const LIMITS: SelectionLimits = { maxSentences: 3, maxChars: 600, wordBudget: 80, redundancy: 0 };
const chosenTexts = (texts: readonly string[], probabilities: readonly number[], limits = LIMITS, blocks?: number[]) =>
  selectUnits(buildUnits(content(texts, blocks), probabilities), limits).map((sentence) => sentence.text);

describe('selectUnits', () => {
  const lead = 'Storms flooded the northern coast overnight, closing roads and schools in six towns.';
  const weak = 'Forecasters at the national weather office published a short statement before dawn.';
  const leaning = 'But the worst of the rain is still to come, with more storms expected by Friday.';
  const other = 'Emergency crews rescued dozens of residents from flooded homes near the harbour.';

  it('takes a "But…" sentence only together with the sentence before it', () => {
    // The leaning sentence scores high and its predecessor low: the pair's mean still beats the rest.
    const summary = chosenTexts([lead, weak, leaning, other], [0.9, 0.1, 0.9, 0.2], { ...LIMITS, maxSentences: 3 });
    if (summary.includes(leaning)) expect(summary).toContain(weak);
    // With room for only two sentences the pair cannot join the lead, so the leaning sentence stays out.
    const two = chosenTexts([lead, weak, leaning, other], [0.9, 0.1, 0.9, 0.2], { ...LIMITS, maxSentences: 2 });
    expect(two).toEqual([lead, other]);
  });

  it('lets a pronoun opener stand when the person named just before is already in the summary', () => {
    const named = 'Mayor Jane Holt announced on Tuesday that the harbour bridge will close for repairs.';
    const between = 'The council backed Holt after a long debate about the cost of the ferry service.';
    const pronoun = 'She said the bridge would reopen to cars and buses in the spring of 2028.';
    const unrelated = 'Engineers found deep cracks in two of its piers during an inspection last year.';
    const summary = chosenTexts([named, between, pronoun, unrelated], [0.9, 0.05, 0.8, 0.3], { ...LIMITS, maxSentences: 2 });
    expect(summary).toEqual([named, pronoun]);
    // The same pronoun after a sentence naming someone who is not in the summary does not stand alone.
    const stranger = 'The council backed Councillor Amir Patel after a long debate about the ferry service.';
    expect(chosenTexts([named, stranger, pronoun, unrelated], [0.9, 0.05, 0.8, 0.3], { ...LIMITS, maxSentences: 2 })).toEqual([named, unrelated]);
  });

  it('stops within the word budget, but always takes the best sentence', () => {
    const sentences = [lead, other, weak];
    expect(chosenTexts(sentences, [0.9, 0.8, 0.7], { ...LIMITS, wordBudget: 30 })).toEqual([lead, other]);
    expect(chosenTexts(sentences, [0.9, 0.8, 0.7], { ...LIMITS, wordBudget: 5 })).toEqual([lead]);
  });

  it('penalises a sentence that repeats one already chosen', () => {
    const repeat = 'Schools in six towns stayed shut on Wednesday as the clean-up began.';
    const texts = [lead, repeat, other];
    expect(chosenTexts(texts, [0.9, 0.7, 0.65], { ...LIMITS, maxSentences: 2, redundancy: 0 })).toEqual([lead, repeat]);
    expect(chosenTexts(texts, [0.9, 0.7, 0.65], { ...LIMITS, maxSentences: 2, redundancy: 1 })).toEqual([lead, other]);
  });
});

describe('buildUnits', () => {
  it('keeps a quotation that runs over several sentences of a paragraph whole', () => {
    const texts = ['"We will rebuild the bridge.', 'It will take two years, and it will cost a lot," the mayor said.', 'Engineers agreed with her on Monday.'];
    const units = buildUnits(content(texts, [0, 0, 0]), [0.9, 0.1, 0.5]);
    expect(units.map((unit) => unit.members.map((member) => member.index))).toEqual([[0, 1], [2]]);
    // The same sentences in separate paragraphs: an unclosed quote mark ends with its paragraph.
    expect(buildUnits(content(texts), [0.9, 0.1, 0.5])).toHaveLength(3);
  });

  it('never returns half a quotation, even when the budget only fits one of its sentences', () => {
    const texts = ['“We will rebuild the bridge, whatever it costs and however long it takes.', 'It is our duty to the town,” the mayor said on Monday.', 'Repairs start in May.'];
    // The quotation alone is over the budget; as the best unit it still comes in first, and whole.
    expect(chosenTexts(texts, [0.9, 0.9, 0.2], { ...LIMITS, wordBudget: 15 }, [0, 0, 1])).toEqual([texts[0], texts[1]]);
    // A later quotation that does not fit the budget stays out whole, instead of being cut.
    expect(chosenTexts([texts[2]!, texts[0]!, texts[1]!], [0.9, 0.8, 0.8], { ...LIMITS, wordBudget: 15 }, [0, 1, 1])).toEqual([texts[2]]);
  });
});
