/**
 * Everything the catalog learns from one corpus file, as plain strings ready for the store and the engines:
 * read, decode, hash, parse, analyse, encode, and cut the index terms. It runs on an analysis worker
 * (workerPool.ts) for large syncs, or inline for a few files, with the same result either way.
 */
import { bodyText, type Article } from '../corpus/article.js';
import { loadArticle } from '../corpus/load.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import { encodeArticle } from './codec.js';
import { indexTerms } from './tokenize.js';
import { articleMeta } from './articleMeta.js';

export interface ProcessRequest {
  id: string;
  /** The content hash the catalog holds for this file, if any. */
  knownHash: string | null;
  /** When the hash is unchanged, skip parsing and analysis (the stored analysis is current). */
  reuseIfSame: boolean;
}

export interface ProcessSettings {
  corpusDir: string;
  maxBytes: number;
  analysisVersion: number;
  /** Read files with blocking calls: set on analysis workers, whose event loop serves no one else. */
  blockingReads?: boolean;
}

export type ProcessResult =
  | { kind: 'skipped'; id: string; reason: string }
  | { kind: 'same'; id: string; hash: string }
  | ProcessedArticle;

export interface ProcessedArticle {
  kind: 'article';
  id: string;
  hash: string;
  /** The encoded article (codec.ts). */
  data: string;
  /** ArticleMeta without addedAt, as JSON. */
  meta: string;
  /** The people directory's input (people and quote speakers), as JSON. */
  people: string;
  /** What the engines index: raw text for MiniSearch, normalised terms for SQLite. */
  title: string;
  body: string;
  date: string | null;
  source: string | null;
  terms: { title: string; body: string };
  /** null when analysis failed (the article stays searchable; a later sync tries again). */
  analysisVersion: number | null;
  analysisError?: string;
}

export type Analyze = (article: Article) => ArticleAnalysis;

const EMPTY_ANALYSIS: ArticleAnalysis = { sentences: [], people: [], quotes: [], summary: [] };

export async function processFile(request: ProcessRequest, settings: ProcessSettings, analyze: Analyze): Promise<ProcessResult> {
  const { id } = request;
  let loaded;
  try {
    loaded = await loadArticle(settings.corpusDir, id, { maxBytes: settings.maxBytes, blocking: settings.blockingReads });
  } catch (error) {
    return { kind: 'skipped', id, reason: `could not be read (${(error as Error).message})` };
  }
  if (!loaded.ok) return { kind: 'skipped', id, reason: loaded.skipped.reason };
  const { article, hash } = loaded;
  if (request.reuseIfSame && hash === request.knownHash) return { kind: 'same', id, hash };

  let analysis = EMPTY_ANALYSIS;
  let analysisVersion: number | null = settings.analysisVersion;
  let analysisError: string | undefined;
  try {
    analysis = analyze(article);
  } catch (error) {
    // A bug, whatever the text: the article stays searchable without people, quotes or summary.
    analysisVersion = null;
    analysisError = (error as Error).message;
  }
  const body = bodyText(article);
  // A title cut from the first sentence is that sentence: searched as body text, not boosted as a title.
  const title = article.titleDerived ? '' : article.title;
  // addedAt is the catalog's to stamp: it is left out of the stored metadata.
  const { addedAt: _addedAt, ...meta } = articleMeta(article, analysis.summary, '');
  const people = { people: analysis.people, quotes: analysis.quotes };
  return {
    kind: 'article',
    id,
    hash,
    data: encodeArticle({ ...article, analysis }),
    meta: JSON.stringify(meta),
    people: JSON.stringify(people),
    title,
    body,
    date: article.date,
    source: article.source,
    terms: { title: indexTerms(title), body: indexTerms(body) },
    analysisVersion,
    ...(analysisError !== undefined ? { analysisError } : {}),
  };
}
