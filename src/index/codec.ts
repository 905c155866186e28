/**
 * The stored form of an analysed article: JSON in which the body text appears once.
 *
 * Blocks, sentences and quotes all repeat pieces of the body. Stored naively they triple the size of the
 * corpus on disk and in memory; here blocks are kept as lengths and sentences/quotes as offsets, and decoding
 * rebuilds their text as slices of the one body string (V8 shares the characters of a slice with its parent),
 * so 100,000 articles cost about one copy of their text. A sentence or quote whose text is not exactly its
 * body slice keeps its own text, so decoding always returns exactly what was encoded.
 */
import { bodyText, type Article, type Block } from '../corpus/article.js';
import type { ArticleAnalysis, Quote, Sentence } from '../analysis/types.js';
import type { IndexedArticle } from './types.js';

/** Bump when the stored layout changes; rows of another version are read again from their files. */
export const CODEC_VERSION = 1;

type StoredSentence = Omit<Sentence, 'text'> & { text?: string };
type StoredQuote = Omit<Quote, 'text'> & { text?: string };

interface StoredArticle {
  article: Omit<Article, 'blocks'>;
  body: string;
  blocks: Array<[kind: Block['kind'], length: number]>;
  analysis: Omit<ArticleAnalysis, 'sentences' | 'quotes'> & { sentences: StoredSentence[]; quotes: StoredQuote[] };
}

const BLOCK_SEPARATOR = '\n\n';

export function encodeArticle(indexed: Omit<IndexedArticle, 'addedAt'>): string {
  const { analysis, addedAt: _addedAt, blocks, ...article } = indexed as IndexedArticle;
  const body = bodyText({ blocks });
  const { sentences, quotes, ...restOfAnalysis } = analysis;
  const stored: StoredArticle = {
    article,
    body,
    blocks: blocks.map((block) => [block.kind, block.text.length]),
    analysis: {
      ...restOfAnalysis,
      sentences: sentences.map((sentence) => withoutSliceText(sentence, body)),
      quotes: quotes.map((quote) => withoutSliceText(quote, body)),
    },
  };
  return JSON.stringify(stored);
}

export function decodeArticle(json: string, addedAt: string): IndexedArticle {
  const stored = JSON.parse(json) as StoredArticle;
  const { body } = stored;
  const blocks: Block[] = [];
  let offset = 0;
  for (const [kind, length] of stored.blocks) {
    blocks.push({ kind, text: body.slice(offset, offset + length) });
    offset += length + BLOCK_SEPARATOR.length;
  }
  const { sentences, quotes, ...restOfAnalysis } = stored.analysis;
  return {
    ...stored.article,
    blocks,
    analysis: {
      ...restOfAnalysis,
      sentences: sentences.map((sentence) => withSliceText(sentence, body)),
      quotes: quotes.map((quote) => withSliceText(quote, body)),
    },
    addedAt,
  };
}

function withoutSliceText<T extends { text: string; start: number; end: number }>(item: T, body: string): Omit<T, 'text'> & { text?: string } {
  if (body.slice(item.start, item.end) !== item.text) return item;
  const { text: _text, ...rest } = item;
  return rest;
}

function withSliceText<T extends { start: number; end: number; text?: string }>(item: T, body: string): T & { text: string } {
  return { ...item, text: item.text ?? body.slice(item.start, item.end) };
}
