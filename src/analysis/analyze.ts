/** Runs every analysis step on one parsed article. Pure: same article in, same analysis out. */
import { bodyText, type Article } from '../corpus/article.js';
import { findPeople } from './people.js';
import { extractQuotes } from './quotes.js';
import { splitSentences } from './sentences.js';
import { summarize } from './summary.js';
import type { ArticleAnalysis } from './types.js';

/** Bump when analysis output changes, so persisted analyses from older versions are recomputed. */
export const ANALYSIS_VERSION = 10;

export function analyzeArticle(article: Article): ArticleAnalysis {
  const sentences = splitSentences(article.blocks);
  const people = findPeople(sentences);
  const quotes = extractQuotes(bodyText(article), sentences, people);
  // A title cut from the first sentence would only repeat it, so only a real title guides the summary.
  const summary = summarize(sentences, { title: article.titleDerived ? undefined : article.title });
  return { sentences, people, quotes, summary };
}
