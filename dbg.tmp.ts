import { SearchIndex, indexDocumentOf } from './src/index/searchIndex.js';
const index = new SearchIndex();
const texts = new Map<string, string>();
const docs = [
  ['a', 'heat transfer in boundary layers of slabs, with much heat and much else said about transfer elsewhere far away'],
  ['b', 'heat transfer boundary layer'],
  ['c', 'boundary layer heat and transfer of mass in laminar flow'],
  ['d', 'unrelated text about wings'],
  ['e', 'more unrelated text about flutter'],
];
for (const [id, body] of docs) { index.put(indexDocumentOf({ id: id!, title: '', titleDerived: true, date: null, source: null }, body!)); texts.set(id!, body!); }
for (const ranking of [{ model: 'dph', proximity: false }, { model: 'dph', dependence: 'sdm' }, { model: 'bm25f', dependence: 'sdm' }, {model:'bm25f', proximity:false}] as const)
  console.log(JSON.stringify(ranking), index.search('heat transfer boundary layer', { ranking, textOf: (id) => texts.get(id), limit: 5 }).map((h) => `${h.id}:${h.score.toFixed(3)}`).join(' '));
