/**
 * The benchmark's fixed mix of queries, drawn with a seed from the corpus's own vocabulary: one word, several
 * words, a phrase, a name, a rare word, and a word in most articles, in turn.
 */
import { eng as stopwords } from 'stopword';
import { pick, seededRandom } from './synthetic.js';

export type QueryKind = 'word' | 'words' | 'phrase' | 'name' | 'rare' | 'common';
export const QUERY_KINDS: readonly QueryKind[] = ['word', 'words', 'phrase', 'name', 'rare', 'common'];

export interface MixQuery {
  kind: QueryKind;
  text: string;
}

const STOPWORDS = new Set(stopwords);
/** A "word in most articles" is among this many of the most widespread words. */
const COMMON_WORDS = 20;

function words(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((word) => !STOPWORDS.has(word));
}

/**
 * `count` queries from a sample of article bodies (spread over the corpus) and the people's names. Kinds that the
 * sample cannot give (no names, say) are left out of the rotation.
 */
export function queryMix(sample: { bodies: readonly string[]; names: readonly string[] }, count: number, seed: number): MixQuery[] {
  const random = seededRandom(seed, 0x9e1);
  const documentFrequency = new Map<string, number>();
  const tokenised = sample.bodies.map(words);
  for (const tokens of tokenised) for (const word of new Set(tokens)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const total = Math.max(1, tokenised.length);
  const byFrequency = [...documentFrequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const share = (word: string) => (documentFrequency.get(word) ?? 0) / total;
  const common = byFrequency.slice(0, COMMON_WORDS).map(([word]) => word);
  // By rank as well as by share, so that a small or uniform corpus still gives every kind.
  const belowCommon = byFrequency.slice(COMMON_WORDS);
  const inFewToSome = belowCommon.filter(([, df]) => df >= 2 && df / total >= 0.01 && df / total <= 0.2);
  const middling = (inFewToSome.length > 0 ? inFewToSome : belowCommon.length > 0 ? belowCommon : byFrequency).map(([word]) => word);
  const fewest = byFrequency.at(-1)?.[1] ?? 0;
  const rarest = byFrequency.filter(([, df]) => df === fewest);
  const rare = (rarest.some(([word]) => word.length >= 5) ? rarest.filter(([word]) => word.length >= 5) : rarest).map(([word]) => word);
  const articles = tokenised.filter((tokens) => tokens.length >= 4);

  const makers: Record<QueryKind, (() => string) | null> = {
    word: middling.length > 0 ? () => pick(random, middling) : null,
    words:
      articles.length > 0
        ? () => {
            const tokens = pick(random, articles).filter((word) => share(word) <= 0.3);
            const wanted = 2 + Math.floor(random() * 2);
            return Array.from({ length: wanted }, () => pick(random, tokens.length > 0 ? tokens : common)).join(' ');
          }
        : null,
    phrase:
      articles.length > 0
        ? () => {
            // Two words that stand side by side in an article, as a user quoting it would type them.
            const body = pick(random, sample.bodies).toLowerCase().match(/\p{L}{3,}/gu) ?? [];
            const start = Math.floor(random() * Math.max(1, body.length - 1));
            return `"${body.slice(start, start + 2).join(' ')}"`;
          }
        : null,
    name: sample.names.length > 0 ? () => pick(random, sample.names) : null,
    rare: rare.length > 0 ? () => pick(random, rare) : null,
    common: common.length > 0 ? () => pick(random, common) : null,
  };
  const kinds = QUERY_KINDS.filter((kind) => makers[kind] !== null);
  if (kinds.length === 0) return [];
  return Array.from({ length: count }, (_, index) => {
    const kind = kinds[index % kinds.length]!;
    return { kind, text: makers[kind]!() };
  });
}
