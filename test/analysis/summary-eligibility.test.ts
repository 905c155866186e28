import { describe, expect, it } from 'vitest';
import { eligibility, isQuoteOrQuestion, leansOnPrevious } from '../../src/analysis/summarize/eligibility.js';
import type { Sentence } from '../../src/analysis/types.js';

const sentence = (text: string, heading = false): Sentence => ({ text, start: 0, end: text.length, block: 0, heading });

describe('summary eligibility', () => {
  it.each([
    'Photo: Jane Roe/Getty Images',
    'By Jane Roe and John Smith',
    '(MENAFN)',
    'Read more: the council vote on the harbour bridge and what comes next',
    'Click here to subscribe to our newsletter',
    'Follow us on Twitter and Facebook for more updates from the region',
    'Published: 17 February 2026',
    'The minister gave three reasons for the decision:',
  ])('never takes page furniture or a lead-in: %s', (text) => {
    expect(eligibility(sentence(text))).toBe('never');
  });

  it('never takes a heading, however long', () => {
    expect(eligibility(sentence('What the council decided about the harbour bridge on Tuesday night', true))).toBe('never');
  });

  it('treats short pieces and datelines with little after them as fragments', () => {
    expect(eligibility(sentence('Markets rose.'))).toBe('fragment');
    expect(eligibility(sentence('NORTHBRIDGE, June 12, 2026 — Talks resumed.'))).toBe('fragment');
    expect(eligibility(sentence('The council voted on Tuesday to close the old harbour bridge to cars.'))).toBe('statement');
    expect(eligibility(sentence('NORTHBRIDGE, June 12, 2026 — The council voted on Tuesday to close the bridge.'))).toBe('statement');
  });

  it.each(['But the council disagreed.', 'He said no.', '“They will pay,” she said.', 'This means delays.', 'However, nothing changed.', "It's over.", 'and then it rained.'])(
    'sees that "%s" leans on the sentence before it',
    (text) => expect(leansOnPrevious(text)).toBe(true),
  );

  it.each(['Theresa May resigned.', 'Heathrow expanded.', 'Italy won.', 'Thistle farms grew.', 'Theyab Ali spoke.', 'Butler County voted.', 'The council met.'])(
    'does not mistake "%s" for a dangling opener',
    (text) => expect(leansOnPrevious(text)).toBe(false),
  );

  it('recognises direct quotations and questions', () => {
    expect(isQuoteOrQuestion('“We will rebuild,” the mayor said.')).toBe(true);
    expect(isQuoteOrQuestion('So what happens next?')).toBe(true);
    expect(isQuoteOrQuestion('He asked: “Why now?”')).toBe(true);
    expect(isQuoteOrQuestion('The mayor said the city would rebuild.')).toBe(false);
  });
});
