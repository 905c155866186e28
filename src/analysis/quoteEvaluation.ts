/**
 * Scores analysed articles against gold quotes: speakers are resolved to canonical corpus names with the
 * people directory (as /quotes does), then (quote, person) pairs are scored with the issue-4 metric.
 */
import { normalizeName } from './normalizeName.js';
import { buildPeopleDirectory } from './peopleDirectory.js';
import { scoreArticle, totals, type ArticleScore, type GoldQuote, type ScoredQuote, type Totals } from './quoteMetric.js';
import type { ArticleAnalysis, PeopleDirectory } from './types.js';

export interface QuoteEvaluation {
  articles: Array<{ id: string; score: ArticleScore }>;
  totals: Totals;
}

/** A produced speaker names a gold speaker when both resolve to the same canonical corpus person. */
function speakerMatcher(directory: PeopleDirectory): (produced: string, gold: string) => boolean {
  return (produced, gold) => {
    if (normalizeName(produced) === normalizeName(gold)) return true;
    const lookup = directory.lookup(gold);
    return lookup.kind === 'found' && normalizeName(lookup.person.name) === normalizeName(produced);
  };
}

export function evaluateQuotes(analysed: ReadonlyArray<{ id: string; analysis: ArticleAnalysis }>, gold: ReadonlyMap<string, readonly GoldQuote[]>): QuoteEvaluation {
  const directory = buildPeopleDirectory(analysed);
  const sameSpeaker = speakerMatcher(directory);
  const articles = analysed.map(({ id, analysis }) => {
    const produced: ScoredQuote[] = analysis.quotes
      .filter((quote) => quote.speakerType === 'person' && quote.speaker !== null)
      .map((quote) => ({ speaker: directory.canonicalName(id, quote.speaker!), kind: quote.kind, text: quote.text }));
    return { id, score: scoreArticle(produced, gold.get(id) ?? [], sameSpeaker) };
  });
  return { articles, totals: totals(articles.map((entry) => entry.score)) };
}
