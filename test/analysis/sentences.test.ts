import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences, splitText } from '../../src/analysis/sentences.js';

const sentencesOf = (text: string) => splitText(text).map(([start, end]) => text.slice(start, end));

describe('splitText', () => {
  it('does not end a sentence at abbreviations, initials or decimals', () => {
    expect(sentencesOf('U.S. President Donald Trump met Dr. Jane Smith on Jan. 5 in Washington. J. K. Rowling paid $3.5 million. Then they left.')).toEqual([
      'U.S. President Donald Trump met Dr. Jane Smith on Jan. 5 in Washington.',
      'J. K. Rowling paid $3.5 million.',
      'Then they left.',
    ]);
  });

  it('keeps a quote that closes after its full stop with its attribution', () => {
    expect(sentencesOf('“We will win.” she said. “Nobody doubts it?” he asked. “No!” Then silence.')).toEqual([
      '“We will win.” she said.',
      '“Nobody doubts it?” he asked.',
      '“No!”',
      'Then silence.',
    ]);
  });

  it('starts a new sentence at any opening quote mark', () => {
    expect(sentencesOf('She was modest. „The prize is ours,“ she said. « Merci », he replied. "Yes," I said.')).toHaveLength(4);
  });

  it('covers the text in order without overlaps, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      let previous = 0;
      for (const [start, end] of splitText(text)) {
        expect(start).toBeGreaterThanOrEqual(previous);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(text.length);
        previous = end;
      }
    }), { numRuns: 300 });
  });
});

describe('splitSentences', () => {
  it('gives offsets into the body (blocks joined by a blank line) and keeps headings whole', () => {
    const blocks = [
      { kind: 'paragraph' as const, text: 'First one. Second one.' },
      { kind: 'heading' as const, text: 'A Heading Without A Stop' },
      { kind: 'paragraph' as const, text: 'Third one.' },
    ];
    const body = blocks.map((block) => block.text).join('\n\n');
    const sentences = splitSentences(blocks);
    expect(sentences.map((sentence) => [sentence.text, sentence.block, sentence.heading])).toEqual([
      ['First one.', 0, false], ['Second one.', 0, false], ['A Heading Without A Stop', 1, true], ['Third one.', 2, false],
    ]);
    for (const sentence of sentences) expect(body.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});
