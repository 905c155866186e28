import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/corpus/article.js';
import { findPeople } from '../../src/analysis/people.js';
import { extractQuotes } from '../../src/analysis/quotes.js';
import { splitSentences } from '../../src/analysis/sentences.js';
import type { Quote } from '../../src/analysis/types.js';

/** Paragraphs separated by blank lines, as the corpus loader gives them. */
function quotesOf(text: string): Quote[] {
  const blocks = text.split(/\n\n/).map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph.trim() }));
  const sentences = splitSentences(blocks);
  return extractQuotes(bodyText({ blocks }), sentences, findPeople(sentences));
}

const byPerson = (quotes: readonly Quote[], name: string) => quotes.filter((quote) => quote.speakerType === 'person' && quote.speaker === name);
const find = (quotes: readonly Quote[], fragment: string) => quotes.find((quote) => quote.text.includes(fragment));

describe('quote marks', () => {
  it('reads curly, straight, guillemet and low-9 quotes', () => {
    const quotes = quotesOf([
      'Mayor Linda Okafor spoke first. “We will not close the library,” Okafor said.',
      'Councilman Derek Haines disagreed. "The money is simply not there," Haines said.',
      'Labour Minister Jean-Luc Martin answered. « We have listened to everyone », Martin told deputies.',
      'Professor Zoë Kowalczyk, a physicist, was modest. „The prize belongs to the whole lab“, Kowalczyk said.',
    ].join('\n\n'));
    expect(find(quotes, 'We will not close the library')).toMatchObject({ kind: 'direct', speaker: 'Linda Okafor' });
    expect(find(quotes, 'The money is simply not there')).toMatchObject({ kind: 'direct', speaker: 'Derek Haines' });
    expect(find(quotes, 'We have listened to everyone')).toMatchObject({ kind: 'direct', speaker: 'Jean-Luc Martin' });
    expect(find(quotes, 'The prize belongs to the whole lab')).toMatchObject({ kind: 'direct', speaker: 'Zoë Kowalczyk' });
  });

  it('does not take apostrophes for quotes', () => {
    const quotes = quotesOf('Coach Tom Reilly said the players’ union wasn’t consulted. “It’s the fans’ club, and they’re angry,” Reilly said.');
    const direct = quotes.filter((quote) => quote.kind === 'direct');
    expect(direct).toHaveLength(1);
    expect(direct[0]).toMatchObject({ text: 'It’s the fans’ club, and they’re angry', speaker: 'Tom Reilly' });
  });

  it('keeps a quote inside a quote as part of the outer one', () => {
    const quotes = quotesOf('Striker Kwame Mensah scored late. "The coach told me, \'You take it, you score it,\' and that was it," Mensah said.');
    expect(quotes.filter((quote) => quote.kind === 'direct')).toHaveLength(1);
    expect(find(quotes, 'You take it')).toMatchObject({ speaker: 'Kwame Mensah', kind: 'direct' });
    expect(find(quotes, 'You take it')!.text).toContain('and that was it');
  });

  it('follows a quote over several paragraphs, with the speaker named in the first', () => {
    const quotes = quotesOf([
      'Author Grace Nakamura, 61, spoke about her new book. “For a long time I could not write anything at all, and I sat looking at the garden every day,” she said.',
      '“Then one morning I went out and pruned the apple trees, because he always did it in February.',
      '“That afternoon I wrote four pages. That was the beginning.”',
    ].join('\n\n'));
    expect(byPerson(quotes, 'Grace Nakamura').map((quote) => quote.text)).toEqual([
      'For a long time I could not write anything at all, and I sat looking at the garden every day',
      'Then one morning I went out and pruned the apple trees, because he always did it in February.',
      'That afternoon I wrote four pages. That was the beginning.',
    ]);
  });

  it('ignores scare quotes and titles that nobody says', () => {
    const quotes = quotesOf([
      'Russia wants Kyiv to recognise the “territorial reality” on the ground.',
      'The band’s album “Blue Summer Nights” topped the charts, and critics called the tour “unpredictable” at best.',
    ].join('\n\n'));
    expect(quotes.filter((quote) => quote.speakerType === 'person')).toEqual([]);
    expect(find(quotes, 'territorial reality')).toBeUndefined();
    expect(find(quotes, 'Blue Summer Nights')).toBeUndefined();
  });
});

describe('speaker positions', () => {
  const setup = 'Union leader Sarah Jones met the board on Monday.';

  it.each([
    ['“We will strike on Friday,” said Sarah Jones.', 'We will strike on Friday'],
    ['“We will strike on Friday,” Jones said.', 'We will strike on Friday'],
    ['Jones said: “We will strike on Friday.”', 'We will strike on Friday.'],
    ['Jones said, “We will strike on Friday.”', 'We will strike on Friday.'],
    ['“We will strike on Friday,” she said.', 'We will strike on Friday'],
    ['Jones had a warning for the board: “We will strike on Friday.”', 'We will strike on Friday.'],
  ])('%s', (sentence, text) => {
    const quotes = quotesOf(`${setup} ${sentence}`);
    expect(find(quotes, 'We will strike')).toMatchObject({ text, kind: 'direct', speaker: 'Sarah Jones', speakerType: 'person' });
  });

  it('attributes both halves of a split quote', () => {
    const quotes = quotesOf(`${setup} “We will strike,” Jones said, “unless the board pays what it owes.”`);
    expect(byPerson(quotes, 'Sarah Jones').map((quote) => quote.text)).toEqual(['We will strike', 'unless the board pays what it owes.']);
  });

  it('continues a quote in the next sentence and the next paragraph', () => {
    const quotes = quotesOf(`${setup} “We will strike on Friday,” Jones said. “Nobody wants this.”\n\n“The board has had two years to fix the pay scale.”`);
    expect(byPerson(quotes, 'Sarah Jones')).toHaveLength(3);
  });

  it('takes the speaker introduced in the sentence before', () => {
    const quotes = quotesOf('Sarah Jones, the union leader, was blunt. “We will strike on Friday,” she said.\n\nRosa Delgado, a nurse for 30 years, spoke next.\n\n“I have never seen morale this low in any hospital.”');
    expect(find(quotes, 'We will strike')).toMatchObject({ speaker: 'Sarah Jones' });
    expect(find(quotes, 'never seen morale')).toMatchObject({ speaker: 'Rosa Delgado' });
  });

  it('skips appositives to find the speaker', () => {
    const quotes = quotesOf('“Demand is cooling,” Priya Raman, the chief executive of Norvia, said on a call. Mohammad Sediq Patman, a deputy education minister, said the schools would reopen next week.');
    expect(find(quotes, 'Demand is cooling')).toMatchObject({ speaker: 'Priya Raman', kind: 'direct' });
    expect(find(quotes, 'schools would reopen')).toMatchObject({ speaker: 'Mohammad Sediq Patman', kind: 'indirect' });
  });
});

describe('who speaks', () => {
  it('resolves he and she to the most recent compatible person, not one named inside the quote', () => {
    const quotes = quotesOf([
      'Editor Paul Whitfield said the manuscript needed little work. Author Grace Nakamura laughed when told of the remark.',
      '“Paul is too kind,” she said. “He has not seen the pages I threw away.”',
      'Whitfield disagreed. “Grace writes the book, and then she makes it quieter,” he said.',
    ].join('\n\n'));
    expect(find(quotes, 'Paul is too kind')).toMatchObject({ speaker: 'Grace Nakamura' });
    expect(find(quotes, 'makes it quieter')).toMatchObject({ speaker: 'Paul Whitfield' });
  });

  it('resolves a role ("the mayor", "the Russian leader") through earlier mentions', () => {
    const quotes = quotesOf([
      'Mayor Linda Okafor defended the budget on Tuesday. The mayor said the branches would close in June.',
      'Russian President Vladimir Putin and Ukrainian President Volodymyr Zelensky spoke by phone. The Russian leader said the talks had been useful.',
    ].join('\n\n'));
    expect(find(quotes, 'branches would close')).toMatchObject({ speaker: 'Linda Okafor', kind: 'indirect' });
    expect(find(quotes, 'talks had been useful')).toMatchObject({ speaker: 'Vladimir Putin', kind: 'indirect' });
  });

  it('keeps organisations and anonymous sources apart from named people', () => {
    const quotes = quotesOf([
      'The ministry said in a statement that the border would reopen.',
      'A spokesperson for Governor Dale Whitmore said the governor was reviewing the ruling.',
      '“This deal will not survive,” a senior diplomat said.',
      'According to two officials, talks will resume next week.',
    ].join('\n\n'));
    expect(quotes.filter((quote) => quote.speakerType === 'person')).toEqual([]);
    expect(find(quotes, 'border would reopen')).toMatchObject({ speakerType: 'organization', kind: 'indirect' });
    expect(find(quotes, 'governor was reviewing')).toMatchObject({ speakerType: 'unnamed' });
    expect(find(quotes, 'will not survive')).toMatchObject({ speakerType: 'unnamed', kind: 'direct' });
  });

  it('keeps two people sharing a surname apart', () => {
    const quotes = quotesOf('Maria Alvarez runs the cellar and her brother Tomás Alvarez runs the hotel. “Wine comes first,” Maria Alvarez said. “Tourism pays the bills,” Tomás Alvarez said. Tomás said bookings had doubled.');
    expect(find(quotes, 'Wine comes first')).toMatchObject({ speaker: 'Maria Alvarez' });
    expect(find(quotes, 'Tourism pays')).toMatchObject({ speaker: 'Tomás Alvarez' });
    expect(find(quotes, 'bookings had doubled')).toMatchObject({ speaker: 'Tomás Alvarez' });
  });

  it("handles names with hyphens, apostrophes and accents", () => {
    const quotes = quotesOf('Labour Minister Jean-Luc O’Brien defended the bill. “The numbers do not add up otherwise,” O’Brien said. Zoë Kowalczyk, a physicist, said the prize belonged to her team.');
    expect(find(quotes, 'numbers do not add up')).toMatchObject({ speaker: 'Jean-Luc O’Brien' });
    expect(find(quotes, 'prize belonged')).toMatchObject({ speaker: 'Zoë Kowalczyk' });
  });
});

describe('reported speech', () => {
  it.each([
    ['Finance chief Martin Osei told reporters that inventory had risen for a third quarter.', 'inventory had risen for a third quarter'],
    ['Finance chief Martin Osei said on Tuesday the company would cut spending.', 'the company would cut spending'],
    ['According to Finance chief Martin Osei, the company would cut spending.', 'the company would cut spending'],
    ['The company would cut spending, according to Finance chief Martin Osei.', 'The company would cut spending'],
    ['The company would cut spending, Finance chief Martin Osei said.', 'The company would cut spending'],
    ['Finance chief Martin Osei warned that the company would cut spending.', 'the company would cut spending'],
    ['Finance chief Martin Osei has repeatedly insisted that the company would cut spending.', 'the company would cut spending'],
  ])('%s', (sentence, text) => {
    expect(quotesOf(sentence)).toEqual([expect.objectContaining({ kind: 'indirect', text, speaker: 'Martin Osei', speakerType: 'person' })]);
  });

  it('marks a partial quote inside reported speech as mixed, with the whole clause and its quote marks', () => {
    const quotes = quotesOf('Councilman Derek Haines called the plan “a bus with some books on it” and said the council had not looked at other savings.');
    expect(find(quotes, 'a bus with some books')).toMatchObject({ kind: 'mixed', text: 'the plan “a bus with some books on it”', speaker: 'Derek Haines' });
    expect(find(quotes, 'other savings')).toMatchObject({ kind: 'indirect', speaker: 'Derek Haines' });
  });

  it('gives the reported clause around a partial quote in full, not the fragment', () => {
    const quotes = quotesOf('Councillor Dana Whitfield said the plan was "dead on arrival" because it relied on a sales tax that voters rejected.');
    expect(quotes).toEqual([expect.objectContaining({
      kind: 'mixed', speaker: 'Dana Whitfield', text: 'the plan was "dead on arrival" because it relied on a sales tax that voters rejected',
    })]);
  });

  it('does not report what was not said ("declined to say", "announced a plan")', () => {
    const quotes = quotesOf('County Executive Ray Donnelly declared a state of emergency. He declined to say how much the cleanup would cost.');
    expect(quotes).toEqual([]);
  });
});

describe('issue 11 structures and spurious reports', () => {
  it('reads a that-verb without "that" when a finite verb follows, and a quote resumed after the speaker\'s relative clause', () => {
    const quotes = quotesOf([
      'Agriculture secretary Mike Beam acknowledged the crisis was deepening. Beam reckons losses could pass $1 billion.',
      '"We planted in hope," said Carl Jensen, who farms near Salina, "and we are harvesting dust."',
    ].join('\n\n'));
    expect(byPerson(quotes, 'Mike Beam').map((quote) => quote.text)).toEqual(['the crisis was deepening', 'losses could pass $1 billion']);
    expect(byPerson(quotes, 'Carl Jensen').map((quote) => quote.text)).toEqual(['We planted in hope', 'and we are harvesting dust.']);
  });

  it('reads "CONTENT, say the people of Tacloban" with the group as the speaker, not as the reported words', () => {
    const quotes = quotesOf('Families still live in tents. But progress has been glacially slow, say the people of Tacloban.');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ speakerType: 'unnamed', speaker: 'the people of Tacloban', text: 'progress has been glacially slow' });
  });

  it('keeps the rest of a sentence interrupted by its attribution ("A, says Lai, is B")', () => {
    const quotes = quotesOf('Leon Lai designed the hotel. The beauty of the project, says Lai, is its flexibility.');
    expect(byPerson(quotes, 'Leon Lai').map((quote) => quote.text)).toEqual(['The beauty of the project is its flexibility']);
  });

  it('names an organisation by the name after its noun ("rights group China Aid"), not the words before it', () => {
    const quotes = quotesOf('U.S.-based Christian rights group China Aid says the faithful are worried.');
    expect(quotes[0]).toMatchObject({ speakerType: 'organization', speaker: 'China Aid', text: 'the faithful are worried' });
  });

  it('gives "NARRATION and Kohavi says …" to the name after "and", not to the narration', () => {
    const quotes = quotesOf('Arye Kohavi runs the company. The system produces 800 liters of potable water a day depending on humidity conditions and Kohavi says it uses two cents\' worth of electricity.');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ speakerType: 'person', speaker: 'Arye Kohavi', text: "it uses two cents' worth of electricity" });
  });

  it('reports a clause once when two verbs of one speaker reach it ("vowed to talk … but warned …")', () => {
    const quotes = quotesOf('Brazilian President Dilma Rousseff vowed Friday to talk with protest leaders but warned the government would not tolerate violence.');
    expect(quotes.filter((quote) => quote.text === 'the government would not tolerate violence')).toHaveLength(1);
  });

  it('reports nothing for a relative clause\'s "they say" ("a government they say is shortchanging …")', () => {
    expect(quotesOf('The movement has brought together Brazilians angered by a government they say is shortchanging its duties to its citizens.')).toEqual([]);
  });

  it('gives a quote after "X was blunt:" to X, not to the previous speaker', () => {
    const quotes = quotesOf('"It is tight," said Carl Jensen.\n\nKelly Brandt, who runs the farm bureau, was blunt: "Without federal help, we lose a generation of farmers."');
    expect(find(quotes, 'Without federal help')).toMatchObject({ speaker: 'Kelly Brandt' });
  });

  it('reports nothing for "won\'t say", "added a goal" or a show title in quote marks', () => {
    const quotes = quotesOf([
      'Striker Jamal Pierce added a goal in the 88th minute. Tom Eriksen won\'t say whether he will stay at the club.',
      '"I have the job I want," Claire Whitman said on CBS\'s "Face the Nation." "There is work left to do."',
    ].join('\n\n'));
    expect(quotes.filter((quote) => quote.speakerType === 'person').map((quote) => quote.text)).toEqual(['I have the job I want', 'There is work left to do.']);
  });
});

describe('two people sharing a surname (issue 11)', () => {
  const bushes = [
    'President George W. Bush and his father, former President George H.W. Bush, opened the library.',
    '"My father taught me that service is a noble calling," President Bush said.',
    'Former President Bush, 81, thanked the volunteers. "Barbara and I are proud of you," Former President Bush said.',
  ].join('\n\n');

  it('gives "President Bush" to the one titled without "former" and "Former President Bush" to the other', () => {
    const quotes = quotesOf(bushes);
    expect(find(quotes, 'noble calling')).toMatchObject({ speaker: 'George W. Bush' });
    expect(find(quotes, 'proud of you')).toMatchObject({ speaker: 'George H.W. Bush' });
  });

  it('gives "the former president" to the one titled former, and "the president" to the one in office', () => {
    const quotes = quotesOf([
      'President George W. Bush and his father, former President George H.W. Bush, opened the library.',
      'The elder Bush thanked the volunteers. "Barbara and I are proud of you," the former president said.',
      'Later, the president said he had no plans to build his own library. "I have work to do first," Bush said.',
    ].join('\n\n'));
    expect(find(quotes, 'proud of you')).toMatchObject({ speaker: 'George H.W. Bush' });
    expect(find(quotes, 'no plans to build')).toMatchObject({ speaker: 'George W. Bush' });
    expect(find(quotes, 'work to do first')).toMatchObject({ speaker: 'George W. Bush' });
  });

  it('gives "the president" to a former president when the article has no other', () => {
    const quotes = quotesOf('Former President Jimmy Carter visited the clinic on Monday. The president said the work was far from over.');
    expect(find(quotes, 'far from over')).toMatchObject({ speaker: 'Jimmy Carter' });
  });

  it('reads "the former president" as the president just written about when no one is called former alone', () => {
    const quotes = quotesOf([
      'President Maria Okafor opened her library in Lagos. Former presidents Ade Bello and Tunde Ojo praised Okafor for her work.',
      'Okafor thanked them. In an interview with the BBC\'s Sam Reed, the former president said the library would be open to all.',
    ].join('\n\n'));
    expect(find(quotes, 'open to all')).toMatchObject({ speaker: 'Maria Okafor' });
  });

  it('gives a bare shared surname to the namesake who has just been speaking', () => {
    const quotes = quotesOf([
      'Former President Bill Clinton and Secretary of State Hillary Clinton spoke in New York.',
      'Hillary Clinton said the fund would grow, and thanked her husband, Bill Clinton, for hosting. "We will double it," Clinton said.',
    ].join('\n\n'));
    expect(find(quotes, 'the fund would grow')).toMatchObject({ speaker: 'Hillary Clinton' });
    expect(find(quotes, 'We will double it')).toMatchObject({ speaker: 'Hillary Clinton' });
  });

  it('reads a title with "of" as the name\'s own ("Secretary of State Hillary Clinton said")', () => {
    const quotes = quotesOf('Secretary of State Hillary Clinton, who spoke later, said the United States would contribute $50 million.');
    expect(find(quotes, 'would contribute')).toMatchObject({ speakerType: 'person', speaker: 'Hillary Clinton' });
  });
});

describe('role nouns after an opening phrase (issue 11)', () => {
  it('does not read "Name, the chief said …" as the name\'s appositive: the chief is the speaker', () => {
    const quotes = quotesOf('Police Chief Dana Ortiz met reporters. In an interview with CNN\'s Sam Reed, the chief said the search would go on.');
    expect(find(quotes, 'search would go on')).toMatchObject({ speaker: 'Dana Ortiz' });
  });

  it('reads an abbreviated title as its role: "Sen. Tom Hale" is "the senator"', () => {
    const quotes = quotesOf('Sen. Tom Hale met the governor on Monday. At a meeting with Ana Ruiz, the senator said the money was there.');
    expect(find(quotes, 'the money was there')).toMatchObject({ speakerType: 'person', speaker: 'Tom Hale' });
  });
});

describe('speakers on real news (issue 11, cnn-real errors)', () => {
  it('carries "he said" to the named speaker of the sentence before, not to a man named in its relative clause', () => {
    const quotes = quotesOf([
      '"Everyone will remember him," said fellow reporter Per Liljas, who was with Nils Horner before he left.',
      'He was known for always being in the right place, he said.',
    ].join('\n\n'));
    expect(find(quotes, 'right place')).toMatchObject({ speaker: 'Per Liljas' });
  });

  it('never takes a party and state tag or a party adjective for a person', () => {
    const quotes = quotesOf('Sen. Lindsey Graham, R-South Carolina, told an audience that the figure was near 4,700. The Arizona Republican said the count was "far too high."');
    const speakers = quotes.filter((quote) => quote.speakerType === 'person').map((quote) => quote.speaker);
    expect(speakers).toContain('Lindsey Graham');
    expect(speakers.some((speaker) => /R-South|Republican/.test(speaker ?? ''))).toBe(false);
  });

  it('reads a capitalised title after a name as its appositive ("Tony Maddox, Executive Vice President of CNN International, said:")', () => {
    const quotes = quotesOf('Tony Maddox, Executive Vice President of CNN International, said: "It is a significant honor for us."');
    expect(find(quotes, 'significant honor')).toMatchObject({ speakerType: 'person', speaker: 'Tony Maddox' });
  });

  it('does not take a show title with "with" in it for speech ("on CNN\'s “The Lead with Jake Tapper,”")', () => {
    const quotes = quotesOf('Appearing on CNN\'s "The Lead with Jake Tapper," Ana Ruiz said, "His charge was unfair."');
    expect(quotes.map((quote) => quote.text)).not.toContain('The Lead with Jake Tapper');
    expect(find(quotes, 'His charge was unfair')).toMatchObject({ speaker: 'Ana Ruiz' });
  });
});

describe('frames that are not what they seem', () => {
  it('does not read "States" of "the United States" as a speech verb', () => {
    const quotes = quotesOf('Case in point: Thomas Eric Duncan flew from Liberia to the United States on September 19, but he did not show symptoms for days.');
    expect(quotes).toEqual([]);
  });

  it('gives "…, the biography said" to the biography, not to the pronoun leading the reported clause', () => {
    const quotes = quotesOf('John Short, 75, was detained.\n\nIn the 1990s, he became "persona non grata" with Chinese authorities for two years, the biography said.');
    expect(byPerson(quotes, 'John Short')).toEqual([]);
    expect(find(quotes, 'persona non grata')).toMatchObject({ speakerType: 'unnamed', speaker: 'the biography' });
  });
});

describe('glued datelines and capitalised occupations', () => {
  it('drops a dateline glued to the first words of an article from the reported clause', () => {
    const quotes = quotesOf('London Pakistani police are searching for two youths, Interior Minister Rehman Malik said Sunday.');
    expect(find(quotes, 'police are searching')).toMatchObject({ speaker: 'Rehman Malik', text: 'Pakistani police are searching for two youths' });
  });

  it('keeps a place that opens the reported words as a name ("London Mayor Boris Johnson")', () => {
    const quotes = quotesOf('London Mayor Boris Johnson will run again, his spokesman Tom Hale said.');
    expect(find(quotes, 'will run again')!.text).toBe('London Mayor Boris Johnson will run again');
  });

  it('reads an occupation before a given name as a title, not part of the name', () => {
    const quotes = quotesOf('CNN Chief Medical Correspondent Sanjay Gupta said the risk was small.');
    expect(find(quotes, 'the risk was small')).toMatchObject({ speakerType: 'person', speaker: 'Sanjay Gupta' });
  });
});

describe('a relation the article gave someone', () => {
  it('gives "said his mom" to the mother named in apposition before ("His mom, Laura,")', () => {
    const quotes = quotesOf('His mom, Laura, found a folded piece of paper.\n\n"We packed a lot into those days," said his mom.');
    expect(find(quotes, 'We packed a lot')).toMatchObject({ speakerType: 'person', speaker: 'Laura' });
  });

  it('does not give a plural ("the justices said") to one of them', () => {
    const quotes = quotesOf('Justices Clarence Thomas and Antonin Scalia went further.\n\nBut the justices acknowledged the tricky line they must walk.');
    expect(find(quotes, 'tricky line')?.speakerType ?? 'unnamed').not.toBe('person');
  });
});
