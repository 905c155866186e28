import { describe, expect, it } from 'vitest';
import { trainLogistic, linear, sigmoid } from '../../src/analysis/summarize/logistic.js';
import { checkModel, SUMMARY_MODEL } from '../../src/analysis/summarize/model.js';

describe('the learned scorer', () => {
  it('refuses weights whose features do not match the code, so a stale file cannot score silently wrong', () => {
    const swapped = [...SUMMARY_MODEL.sentence.features];
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(() => checkModel({ ...SUMMARY_MODEL, sentence: { ...SUMMARY_MODEL.sentence, features: swapped } })).toThrow(/train:summaries/);
    expect(checkModel({ ...SUMMARY_MODEL })).toBeTruthy();
  });

  it('fits a logistic model that ranks positives above negatives, the same way every time', () => {
    // Label 1 when the second feature is large; the third feature is noise.
    const rows = Array.from({ length: 200 }, (_, k) => {
      const signal = (k % 10) / 10;
      const noise = ((k * 7) % 13) / 13;
      return { features: [1, signal, noise], label: signal + 0.3 * noise > 0.6 ? 1 : 0 };
    });
    const weights = trainLogistic(rows, { l2: 0.1 });
    expect(trainLogistic(rows, { l2: 0.1 })).toEqual(weights);
    expect(weights[1]!).toBeGreaterThan(weights[2]!);
    expect(sigmoid(linear(weights, [1, 0.9, 0.5]))).toBeGreaterThan(0.5);
    expect(sigmoid(linear(weights, [1, 0.1, 0.5]))).toBeLessThan(0.5);
  });
});
