/** /quotes when several people share a name. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleMatching } from '../../src/answers/lookup.js';
import { quotesBy } from '../../src/answers/quotes.js';
import { quotesView } from '../../src/render/quotes.js';
import { viewToText } from '../../src/render/text.js';
import { openTestCatalog, type TestCatalog } from '../helpers/seedCatalog.js';

let corpusDir: string;
let test: TestCatalog;

const story = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2026-05-0${Math.min(9, title.length % 9 + 1)}\n---\n\n${body}\n`;

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-names-'));
  for (let index = 1; index <= 5; index++) {
    await writeFile(
      path.join(corpusDir, `hillary-${index}.md`),
      story(`Campaign day ${index}`, `Hillary Clinton spoke in Ohio on day ${index}. “We will win this state,” Clinton said. Supporters cheered as Clinton left the stage.`),
    );
  }
  await writeFile(path.join(corpusDir, 'george.md'), story('Funk legend on tour', 'George Clinton, the funk musician, opened his tour. “Music heals,” George Clinton said.'));
  await writeFile(path.join(corpusDir, 'anna.md'), story('Harbour vote', 'Anna Berg, the mayor, backed the harbour plan. “It is time,” Anna Berg said.'));
  await writeFile(path.join(corpusDir, 'erik.md'), story('School budget', 'Erik Berg, a teacher, opposed the cuts. “Children pay for this,” Erik Berg said.'));
  test = await openTestCatalog(corpusDir);
});
afterAll(async () => {
  await test.dispose();
  await rm(corpusDir, { recursive: true, force: true });
});

describe('quotesBy with shared surnames', () => {
  it('answers for the far better-known bearer of a surname and names the others', () => {
    const answer = quotesBy(test.catalog, 'Clinton');
    expect(answer.kind).toBe('quotes');
    if (answer.kind !== 'quotes') return;
    expect(answer.person.name).toBe('Hillary Clinton');
    expect(answer.others.map((person) => person.name)).toEqual(['George Clinton']);
    expect(answer.groups.flatMap((group) => group.quotes).map((quote) => quote.text)).not.toContain('Music heals');
    expect(viewToText(quotesView(answer))).toMatch(/Also called “Clinton”: George Clinton/);
  });

  it('asks which one is meant when two bearers are comparable', () => {
    const answer = quotesBy(test.catalog, 'Berg');
    expect(answer.kind).toBe('ambiguous');
    if (answer.kind === 'ambiguous') expect(answer.candidates.map((person) => person.name).sort()).toEqual(['Anna Berg', 'Erik Berg']);
    expect(viewToText(quotesView(answer))).toMatch(/More than one person is called Berg/);
  });

  it('keeps the full names apart', () => {
    const george = quotesBy(test.catalog, 'George Clinton');
    expect(george.kind === 'quotes' && george.groups.flatMap((group) => group.quotes).map((quote) => quote.text)).toEqual(['Music heals']);
  });
});

describe('quotesBy for organisations, and scare quotes', () => {
  let orgDir: string;
  let orgs: TestCatalog;
  beforeAll(async () => {
    orgDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-orgs-'));
    await writeFile(path.join(orgDir, 'report.md'), story('Border report', [
      'The White House on Monday rejected a congressional report on border spending.',
      '"The report is riddled with errors," the White House said in a statement.',
      'Representative Luis Moreno said he stood by the findings. Moreno called the report "solid."',
    ].join('\n\n')));
    await writeFile(path.join(orgDir, 'singer.md'), story('Singer remembered', 'Fans gathered in London. “She sang like nobody else,” said Amy Winehouse fan Lucy Grant. Amy Winehouse was mentioned by everyone.'));
    orgs = await openTestCatalog(orgDir);
  });
  afterAll(async () => {
    await orgs.dispose();
    await rm(orgDir, { recursive: true, force: true });
  });

  it('answers "/quotes White House" with the White House\'s own statements, not Amy Winehouse', () => {
    const answer = quotesBy(orgs.catalog, 'White House');
    expect(answer.kind).toBe('quotes');
    if (answer.kind !== 'quotes') return;
    expect(answer.person).toMatchObject({ name: 'White House', kind: 'organization' });
    expect(answer.groups.flatMap((group) => group.quotes.map((quote) => quote.text))).toEqual(['The report is riddled with errors']);
  });

  it('offers organisations in autocomplete as entries of their own', () => {
    const names = peopleMatching(orgs.catalog, 'white').map((entry) => `${entry.name}:${entry.kind ?? 'person'}`);
    expect(names[0]).toBe('White House:organization');
  });

  it('leaves a one-word scare quote out of a person\'s quotes', () => {
    const answer = quotesBy(orgs.catalog, 'Luis Moreno');
    expect(answer.kind).toBe('quotes');
    if (answer.kind !== 'quotes') return;
    expect(answer.groups.flatMap((group) => group.quotes.map((quote) => quote.text))).toEqual(['he stood by the findings']);
  });
});
