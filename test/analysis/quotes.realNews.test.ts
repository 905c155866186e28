/** Attribution cases found on real news: phrasal speech verbs, Spanish double surnames, long appositives. */
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analysis/analyze.js';
import { parseArticle } from '../../src/corpus/parse.js';

const quotesOf = (text: string) => analyzeArticle(parseArticle('story.txt', `Clinic story\n\n${text}`)).quotes;

describe('phrasal speech verbs', () => {
  it('gives a quote "called out" by an unnamed speaker to that speaker, not to the person named before', () => {
    const quotes = quotesOf(
      'At her lab, neuroscientist Susan Harkema turned her back to check a screen.\n\n"Hey Susie, look at this," the patient called out to her. "I can move my toe!"',
    );
    const hey = quotes.find((quote) => quote.text.startsWith('Hey Susie'));
    expect(hey?.speakerType).toBe('unnamed');
    expect(quotes.filter((quote) => quote.speaker === 'Susan Harkema')).toEqual([]);
  });

  it('still reads "called the plan “…”" as a partial quote of the subject', () => {
    const quotes = quotesOf('Mayor Anna Berg called the harbour plan “a fairy tale” on Monday.');
    expect(quotes).toContainEqual(expect.objectContaining({ kind: 'mixed', text: 'the harbour plan “a fairy tale” on Monday', speaker: 'Anna Berg' }));
  });
});

describe('Spanish and Portuguese names', () => {
  it('resolves the first surname alone ("Fernandez") to "Jorge Fernandez Diaz"', () => {
    const quotes = quotesOf(
      'Interior Minister Jorge Fernandez Diaz told reporters that police were watching the suspects.\n\nBut Fernandez said one of the suspects had praised the attacks.',
    );
    expect(quotes).toContainEqual(expect.objectContaining({ speaker: 'Jorge Fernandez Diaz', speakerType: 'person', text: 'one of the suspects had praised the attacks' }));
  });
});

describe('appositives that end in an organisation name', () => {
  it('gives "X, under secretary for Food, Nutrition and Consumer Services, said" to X', () => {
    const quotes = quotesOf(
      'Kevin Concannon, the USDA under secretary for Food, Nutrition and Consumer Services, said he was not concerned with the controversy.',
    );
    expect(quotes).toContainEqual(expect.objectContaining({ speaker: 'Kevin Concannon', speakerType: 'person', kind: 'indirect' }));
  });
});
