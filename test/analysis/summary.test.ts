import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUMMARY_CHARS, summarize } from '../../src/analysis/summary.js';
import type { Sentence } from '../../src/analysis/types.js';

/** Sentences as the splitter would give them: each string is one sentence; `# ` marks a heading block. */
function article(lines: readonly string[]): Sentence[] {
  let offset = 0;
  return lines.map((line, block) => {
    const heading = line.startsWith('# ');
    const text = heading ? line.slice(2) : line;
    const sentence = { text, start: offset, end: offset + text.length, block, heading };
    offset += text.length + 2;
    return sentence;
  });
}

/** Checks that `summary` is a subsequence of the article's sentence texts; returns the positions taken. */
function positionsIn(sentences: readonly Sentence[], summary: readonly string[]): number[] {
  const positions: number[] = [];
  let from = 0;
  for (const text of summary) {
    // A summary never holds a heading, so a heading with the same words is not the sentence taken.
    const at = sentences.findIndex((sentence, index) => index >= from && !sentence.heading && sentence.text === text);
    expect(at, `"${text}" is not an article sentence after position ${from}`).toBeGreaterThanOrEqual(0);
    positions.push(at);
    from = at + 1;
  }
  return positions;
}

const NEWS = [
  'The city council of Northbridge voted on Tuesday to close the old harbour bridge to cars from next spring.',
  'The 90-year-old bridge carries about 30,000 vehicles a day and engineers found deep cracks in two of its piers last year.',
  'Council members argued for more than four hours before the vote, which passed by seven votes to four.',
  'Shop owners on the harbour front said the closure of the bridge would cut their trade by half.',
  'The council promised a free ferry service for pedestrians and cyclists while the bridge is repaired.',
  'Repairs to the harbour bridge are expected to cost 45 million euros and to last at least two years.',
  'A regional transport agency will pay for a third of the repairs, the council said.',
  'Residents can comment on the plans until the end of the month at the town hall.',
  'The last major repair of the bridge, in 1978, closed it for six months.',
];
const TITLE = 'Northbridge closes harbour bridge to cars for repairs';

describe('summarize', () => {
  it('returns two or three sentences of the article, verbatim and in article order', () => {
    const sentences = article(NEWS);
    const summary = summarize(sentences, { title: TITLE });
    expect(summary.length).toBeGreaterThanOrEqual(2);
    expect(summary.length).toBeLessThanOrEqual(3);
    const positions = positionsIn(sentences, summary);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // The lead sentence states the news; a summary without it misses the point.
    expect(summary[0]).toBe(NEWS[0]);
  });

  it('never picks headings or page furniture, even at the top of the article', () => {
    const furniture = [
      '# Harbour bridge to close',
      'Photo: Jane Roe/Getty Images',
      'By Jane Roe and John Smith',
      '(MENAFN)',
      'Read more: Northbridge harbour bridge closure plans and the council vote',
      'Click here to subscribe to our newsletter about the harbour bridge closure',
      'Follow us on Twitter for more news about the harbour bridge',
      'Published: 17 February 2026',
      'NORTHBRIDGE, June 12, 2026 —',
      'Scroll down for video',
      'Closed: The old harbour bridge in Northbridge, which carries 30,000 vehicles a day',
      'Mayor Jane Holt (pictured) at the harbour bridge in Northbridge on Tuesday',
    ];
    const sentences = article([...furniture, ...NEWS.slice(0, 4), '# Repairs', ...NEWS.slice(4)]);
    const summary = summarize(sentences, { title: TITLE });
    expect(summary.length).toBeGreaterThanOrEqual(2);
    for (const text of summary) expect(NEWS).toContain(text);
  });

  it('does not take a sentence that leans on the one before it without that one', () => {
    const lead = 'Storms flooded parts of the coast overnight, closing roads and schools.';
    const weakPredecessor = 'The weather service gave its reasons in a short note on Wednesday morning.';
    const central = 'the flood warning for the coast stays in force until Friday as storms and more floods are expected on the coast.';
    const rest = [
      'Emergency crews rescued dozens of people from flooded homes on the coast.',
      'Floods closed the coast road in three places and storms cut power to many homes.',
      'Schools on the coast will stay closed while the flood warning lasts.',
      'Storms of this strength hit the coast about once a decade.',
    ];
    const title = 'Flood warning for the coast stays in force until Friday';
    // Control: stated on its own, the central sentence is chosen, so the rule below is what keeps it out.
    const standalone = summarize(article([lead, weakPredecessor, `A ${central}`, ...rest]), { title });
    expect(standalone).toContain(`A ${central}`);

    for (const opener of ['But', 'He said', 'This means', 'However,', 'They say']) {
      const leaning = `${opener} ${central}`;
      const sentences = article([lead, weakPredecessor, leaning, ...rest]);
      const summary = summarize(sentences, { title });
      if (summary.includes(leaning)) expect(summary).toContain(weakPredecessor);
    }
  });

  it('allows a leaning opener in the first sentence, which has nothing before it', () => {
    const story = [
      'He was the last man to walk on the moon, and astronaut Eugene Cernan died on Monday at the age of 82.',
      'Cernan commanded Apollo 17 in 1972 and spent three days on the moon with Harrison Schmitt.',
      'NASA said the astronaut died in a hospital in Houston surrounded by his family.',
      'Before leaving the moon, Cernan wrote the initials of his daughter in the lunar dust.',
    ];
    expect(summarize(article(story))[0]).toBe(story[0]);
    // The same opener after another sentence leans on it, so it never comes in without it.
    const later = summarize(article([story[1]!, story[2]!, story[0]!, story[3]!]), { maxSentences: 2 });
    if (later.includes(story[0]!)) expect(later).toContain(story[2]);
  });

  it('is deterministic', () => {
    const sentences = article([...NEWS, ...NEWS.map((text) => text.replace('bridge', 'tunnel'))]);
    const first = summarize(sentences, { title: TITLE });
    for (let run = 0; run < 3; run++) expect(summarize(article([...NEWS, ...NEWS.map((text) => text.replace('bridge', 'tunnel'))]), { title: TITLE })).toEqual(first);
  });

  it('keeps within the character budget, taking fewer sentences when they are long', () => {
    const long = NEWS.map((text) => `${text.slice(0, -1)}, according to a long report that the council published on its website after weeks of consultation with residents, engineers, shop owners, ferry operators and the regional transport agency.`);
    const summary = summarize(article(long), { title: TITLE });
    expect(summary.join(' ').length).toBeLessThanOrEqual(DEFAULT_SUMMARY_CHARS);
    // Sentences of 50 words each: the word budget (near 70–80 words, where ROUGE against highlights peaks)
    // leaves room for fewer of them than of the short ones.
    expect(summary.length).toBeGreaterThanOrEqual(1);
    expect(summary.length).toBeLessThan(summarize(article(NEWS), { title: TITLE }).length);
    const tight = summarize(article(NEWS), { title: TITLE, maxChars: 250 });
    expect(tight.join(' ').length).toBeLessThanOrEqual(250);
    expect(tight.length).toBeGreaterThanOrEqual(1);
  });

  it('handles articles with no, one or two sentences', () => {
    expect(summarize([])).toEqual([]);
    expect(summarize(article(['# Only a heading']))).toEqual([]);
    expect(summarize(article([NEWS[0]!]))).toEqual([NEWS[0]]);
    expect(summarize(article(['Markets rose.']))).toEqual(['Markets rose.']);
    expect(summarize(article([NEWS[0]!, NEWS[1]!]))).toEqual([NEWS[0], NEWS[1]]);
  });

  it('returns one sentence longer than the whole budget rather than nothing', () => {
    const huge = `${'The council heard evidence from many experts about the harbour bridge '.repeat(12)}today.`;
    expect(summarize(article([huge]))).toEqual([huge]);
  });

  it('never throws and returns at most three input sentences in order, within budget (property)', () => {
    const word = fc.constantFrom('But', 'He', 'the', 'bridge', 'council', 'said', '“quote', 'Photo:', 'Read', 'more', 'voted', 'Friday', '?', '.', '2026', 'harbour', 'They', 'cars', '', 'é', '—');
    const text = fc.array(word, { maxLength: 40 }).map((words) => words.join(' '));
    const sentence = fc.record({ text, heading: fc.boolean() });
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 30 }), fc.option(text, { nil: undefined }), (raw, title) => {
        const sentences = article(raw.map(({ text: body, heading }) => (heading ? `# ${body}` : body)));
        const summary = summarize(sentences, { title });
        expect(summary.length).toBeLessThanOrEqual(3);
        const positions = positionsIn(sentences, summary);
        for (const position of positions) expect(sentences[position]!.heading).toBe(false);
        if (summary.length > 1) expect(summary.join(' ').length).toBeLessThanOrEqual(DEFAULT_SUMMARY_CHARS);
      }),
      { numRuns: 300 },
    );
  });
});
