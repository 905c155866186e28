import { describe, expect, it } from 'vitest';
import { splitDateline, splitSourceTag } from '../../src/corpus/dateline.js';

describe('splitDateline', () => {
  it.each([
    ['BRUSSELS, June 12, 2026 — The ministers met.', 'BRUSSELS, June 12, 2026', 'June 12, 2026', null],
    ['WASHINGTON (Reuters) - The bank held rates.', 'WASHINGTON (Reuters)', null, 'Reuters'],
    ['NEW YORK, Nov 9 (Reuters) - Stocks rose.', 'NEW YORK, Nov 9 (Reuters)', 'Nov 9', 'Reuters'],
    ['LONDON — Rain fell again.', 'LONDON', null, null],
    ['PARIS—Talks resumed.', 'PARIS', null, null],
    ['RIO DE JANEIRO, Brazil -- Crowds gathered.', 'RIO DE JANEIRO, Brazil', null, null],
    ['Kyiv, Ukraine, March 3, 2026 — Sirens sounded.', 'Kyiv, Ukraine, March 3, 2026', 'March 3, 2026', null],
    ['Geneva (AP) — Negotiators met.', 'Geneva (AP)', null, 'AP'],
    ['NEW DELHI: The monsoon arrived early.', 'NEW DELHI', null, null],
  ])('splits %j', (paragraph, prefix, date, source) => {
    const dateline = splitDateline(paragraph);
    expect(dateline).not.toBeNull();
    expect(dateline!.prefix).toBe(prefix);
    expect(dateline!.date).toBe(date);
    expect(dateline!.source).toBe(source);
    expect(dateline!.rest).toMatch(/^[A-Z].*\.$/);
  });

  it.each([
    'Maria Lopez — the new minister — said the plan would go ahead.',
    'The minister said - without irony - that all was well.',
    'UPDATE: The road has reopened.',
    'Asked why: she shrugged.',
    'In 2025 — a year of floods — the river rose.',
    'BRUSSELS',
  ])('leaves %j alone', (paragraph) => {
    expect(splitDateline(paragraph)).toBeNull();
  });
});

describe('splitSourceTag', () => {
  it('takes a capitalised agency name in parentheses', () => {
    expect(splitSourceTag('(MENAFN) European allies are frustrated.')).toEqual({ source: 'MENAFN', rest: 'European allies are frustrated.' });
    expect(splitSourceTag('(CNN) -- Rain fell.')).toEqual({ source: 'CNN', rest: 'Rain fell.' });
    expect(splitSourceTag('(MENAFN - Jordan Times) Prices rose.')?.source).toBe('MENAFN - Jordan Times');
  });

  it('ignores a parenthetical remark', () => {
    expect(splitSourceTag('(and this is important) the vote was close.')).toBeNull();
    expect(splitSourceTag('(Updated with comment from the ministry.) Prices rose.')).toBeNull();
    expect(splitSourceTag('(2025) was a hard year.')).toBeNull();
  });
});
