/**
 * ROUGE scoring set up like the anchors in the CNN corpus README: js-rouge, lowercase, split on [^a-z0-9]+,
 * Porter stem for tokens longer than 3 characters, ROUGE-L at summary level over newline-separated sentences.
 */
import { l as rougeL, n as rougeN } from 'js-rouge';
import { stemmer } from 'stemmer';

export interface RougeScores {
  r1: number;
  r2: number;
  rl: number;
}

/** The rouge-score tokenizer: lowercase, non-alphanumerics are separators, stem words longer than 3 letters. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '')
    .map((token) => (token.length > 3 ? stemmer(token) : token));
}

const splitLines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');

/** F1 of ROUGE-1, ROUGE-2 and ROUGE-Lsum for one candidate (sentences) against one reference (sentences). */
export function scoreSummary(candidate: readonly string[], reference: readonly string[]): RougeScores {
  const cand = candidate.map(oneLine).filter((line) => rougeTokens(line).length > 0).join('\n');
  const ref = reference.map(oneLine).filter((line) => rougeTokens(line).length > 0).join('\n');
  // js-rouge rejects empty summaries; an empty candidate simply scores zero.
  if (cand === '' || ref === '') return { r1: 0, r2: 0, rl: 0 };
  return {
    r1: rougeN(cand, ref, { n: 1, tokenizer: rougeTokens }),
    r2: rougeN(cand, ref, { n: 2, tokenizer: rougeTokens }),
    rl: rougeL(cand, ref, { tokenizer: rougeTokens, segmenter: splitLines }),
  };
}

function oneLine(sentence: string): string {
  return sentence.replace(/\s+/g, ' ').trim();
}

/** Running macro average of scores, reported ×100. */
export class RougeAverage {
  private sum: RougeScores = { r1: 0, r2: 0, rl: 0 };
  count = 0;

  add(scores: RougeScores): void {
    this.sum = { r1: this.sum.r1 + scores.r1, r2: this.sum.r2 + scores.r2, rl: this.sum.rl + scores.rl };
    this.count++;
  }

  mean(): RougeScores {
    const k = this.count === 0 ? 0 : 100 / this.count;
    return { r1: this.sum.r1 * k, r2: this.sum.r2 * k, rl: this.sum.rl * k };
  }
}
