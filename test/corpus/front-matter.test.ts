import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/corpus/front-matter.js';

describe('splitFrontMatter', () => {
  it('reads what YAML reads, for any string values (fast line path or YAML)', () => {
    const key = fc.stringMatching(/^[a-z][a-z_]{0,11}$/);
    fc.assert(
      fc.property(fc.dictionary(key, fc.string({ maxLength: 60 }), { maxKeys: 6 }), (fields) => {
        const yamlText = stringify(fields);
        const split = splitFrontMatter(`---\n${yamlText}---\n\nBody.`);
        expect(split).not.toBeNull();
        expect(split!.body).toBe('\nBody.');
        expect(split!.fields).toEqual(parse(yamlText) ?? {});
      }),
      { numRuns: 500 },
    );
  });

  it('reads JSON-quoted values, as feeds write titles with ": " in them', () => {
    const split = splitFrontMatter('---\ntitle: "Oscars: \\"12 Years\\" wins"\ndate: 2014-03-03\n---\nText');
    expect(split?.fields).toEqual({ title: 'Oscars: "12 Years" wins', date: '2014-03-03' });
  });

  it('keeps the values of hand-written front matter that YAML rejects', () => {
    const split = splitFrontMatter("---\ntitle: Vote: what it means\nsource: 'Civic Ledger'\n---\nText");
    expect(split?.fields).toEqual({ title: 'Vote: what it means', source: 'Civic Ledger' });
  });

  it('treats an unclosed fence or a non-mapping as no front matter', () => {
    expect(splitFrontMatter('---\ntitle: x\n\nText without a closing fence')).toBeNull();
    expect(splitFrontMatter('---\n- a list\n- not a mapping\n---\nText')).toBeNull();
    expect(splitFrontMatter('--- not a fence\ntitle: x\n---\n')).toBeNull();
    expect(splitFrontMatter('Plain text')).toBeNull();
  });

  it('accepts `...` as the closing fence and an empty block', () => {
    expect(splitFrontMatter('---\ntitle: x\n...\nText')?.fields).toEqual({ title: 'x' });
    expect(splitFrontMatter('---\n---\nText')?.fields).toEqual({});
  });
});
