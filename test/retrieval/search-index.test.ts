import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PassageRetriever } from '../../src/retrieval/passage-retriever.js';
import { buildSearchIndex } from '../../src/retrieval/search-index.js';
import { createAnalyzer } from '../../src/text/analyzer.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import type { KnowledgeBase } from '../../src/domain/types.js';

const services = await servicesFor();
const pack = await servicesFor(PACK_KNOWLEDGE);
const topIds = (query: string, audience?: 'patient' | 'professional') =>
  services.index.search(query, audience ? { audience } : {}).results.map((result) => result.passage.id);

/** An index over one document holding these passages (section, text), ids by section. */
function oneDocumentIndex(passages: Array<[section: string, text: string]>) {
  const counts = new Map<string, number>();
  const knowledge: KnowledgeBase = {
    synonyms: [],
    documents: [{ id: 'd', file: 'd.md', title: 'Doc', type: 'guideline', publisher: 'P', source: 'S', year: 2020, audience: 'both', topics: ['t'], review: { status: 'approved' }, updated: '2020-01-01', words: 10 }],
    passages: passages.map(([section, text]) => {
      const slug = section.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      counts.set(slug, (counts.get(slug) ?? 0) + 1);
      return { id: `d#${slug}-${counts.get(slug)}`, docId: 'd', section, text, pitfall: false };
    }),
  };
  return buildSearchIndex(knowledge, createAnalyzer([]));
}

describe('analyzer', () => {
  const analyzer = createAnalyzer([['zoledronic acid', 'zoledronate', 'Zometa'], ['HER2-negative', 'HER2-', 'HER2−'], ['ER+', 'ER-positive']]);

  it('folds synonym phrases to one term on both sides, whatever the spelling', () => {
    expect(analyzer.terms('Zometa dose')).toEqual(analyzer.terms('zoledronic acid dose'));
    expect(analyzer.terms('ZOLEDRONATE dose')).toEqual(analyzer.terms('zoledronic acid dose'));
    expect(analyzer.terms('HER2− disease')).toEqual(analyzer.terms('her2-negative disease'));
  });

  it('does not fold an abbreviation found inside a longer word', () => {
    expect(analyzer.terms('HER2+ tumour')).not.toContain(analyzer.terms('ER+')[0]);
  });

  it('drops stop words, stems, and keeps numbers', () => {
    expect(analyzer.terms('What are the doses given every 4 weeks?')).toEqual(['dose', '4', 'week']);
  });

  it('keeps surface words of folded phrases for search so misspellings can still match', () => {
    expect(analyzer.indexTerms('zoledronic acid')).toEqual(expect.arrayContaining(['acid', 'zoledron']));
    expect(analyzer.terms('zoledronic acid')).not.toContain('acid');
  });
});

describe('search index', () => {
  it('finds passages that say "zoledronic acid" for a question that says "zoledronate"', () => {
    expect(topIds('zoledronate infusion time')[0]).toBe('bone-agents#dose-and-schedule-2');
  });

  it('finds passages that say "bone-modifying agent" for a question that says "BMA"', () => {
    expect(topIds('who needs a BMA')[0]).toBe('bone-agents#who-should-receive-a-bone-modifying-agent-1');
  });

  it('corrects a misspelled drug name to an indexed word', () => {
    expect(topIds('denosumub schedule').slice(0, 2)).toContain('bone-agents#dose-and-schedule-1');
  });

  it('puts patient documents first for patients and professional documents first for professionals', () => {
    const question = 'how is denosumab given';
    expect(topIds(question, 'patient')[0]).toMatch(/^bone-medicines-patient#/);
    expect(topIds(question, 'professional')[0]).toMatch(/^bone-agents#/);
  });

  it('weights section headings: a heading match outranks a body-only match', () => {
    const index = oneDocumentIndex([
      ['Other', 'Fracture risk is scored with several items here.'],
      ['Fracture risk', 'Several items here are scored together.'],
    ]);
    expect(index.search('fracture risk').results[0]?.passage.id).toBe('d#fracture-risk-1');
  });

  it('does not let a shared heading favour the shortest passage under it', () => {
    const index = oneDocumentIndex([
      ['Treatment approach', 'Treatment combines systemic therapy, a bone agent, radiotherapy for painful lesions and surgical review of lesions at risk.'],
      ['Treatment approach', 'Surgery comes first for a fracture.'],
    ]);
    expect(index.search('treatment approach').results[0]?.passage.id).toBe('d#treatment-approach-1');
  });

  it('orders equal scores as first scored: by the first word of the question that each passage holds', () => {
    const index = oneDocumentIndex([
      ['Notes', 'Xylophone practice helps.'],
      ['Notes', 'Yachting practice helps.'],
    ]);
    const order = (question: string) => index.search(question).results.map(({ passage, score }) => [passage.id, score]);
    const [[, first], [, second]] = order('xylophone yachting') as [[string, number], [string, number]];
    expect(first).toBe(second);
    expect(order('xylophone yachting').map(([id]) => id)).toEqual(['d#notes-1', 'd#notes-2']);
    expect(order('yachting xylophone').map(([id]) => id)).toEqual(['d#notes-2', 'd#notes-1']);
  });

  it('says nothing relevant for questions outside the knowledge held', () => {
    for (const question of ['How do I fix a leaking tap?', 'best inhaler for asthma in children', 'capital of France', '']) {
      expect(services.index.search(question).relevant, question).toBe(false);
    }
    expect(services.index.search('denosumab dose for bone metastases').relevant).toBe(true);
  });

  it('handles a long pasted case without error and still finds the topic', () => {
    const filler = 'The patient attended clinic today with her daughter and reported feeling tired after a long week at work. ';
    const question = `${filler.repeat(8)}Which bone-modifying agent dose and schedule applies for denosumab?`;
    const { results, relevant } = services.index.search(question);
    expect(relevant).toBe(true);
    expect(results.map((result) => result.passage.id)).toContain('bone-agents#dose-and-schedule-1');
  });

  it('returns at most the requested number of results, best first', () => {
    const { results } = services.index.search('bone metastases', { limit: 3 });
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results.map((result) => result.score)).toEqual([...results.map((result) => result.score)].sort((a, b) => b - a));
  });
});

describe('search index at scale (blocks of passages skipped when they cannot reach the top)', () => {
  // The bundled pack copied under new ids, copies of each document side by side as a larger pack would
  // hold related passages: equal scores abound, so the order of ties is tested too.
  const copies = 6;
  const documents = pack.knowledge.documents.flatMap((document) =>
    Array.from({ length: copies }, (_, copy) => ({ ...document, id: `${document.id}~${copy}` })),
  );
  const passages = pack.knowledge.documents.flatMap((document) =>
    Array.from({ length: copies }, (_, copy) =>
      pack.knowledge.passages
        .filter((passage) => passage.docId === document.id)
        .map((passage) => ({ ...passage, id: `${passage.id}~${copy}`, docId: `${document.id}~${copy}` })),
    ).flat(),
  );
  const scaled: KnowledgeBase = { ...pack.knowledge, documents, passages };
  const pruned = buildSearchIndex(scaled, pack.analyzer);
  // One block holding every passage: nothing can be skipped, every posting is scored.
  const unpruned = buildSearchIndex(scaled, pack.analyzer, { blockBits: 30 });
  const questions = readFileSync(new URL('../fixtures/answers/questions.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { question: string }).question);

  it('holds several blocks, so skipping is possible', () => {
    expect(pruned.size).toBeGreaterThan(4 * 256);
  });

  it('ranks exactly as scoring every passage, ties included, for every gold question, audience and limit', () => {
    const ranking = (result: ReturnType<typeof pruned.search>) =>
      JSON.stringify([result.relevant, result.coverage, result.results.map(({ passage, score }) => [passage.id, score])]);
    let compared = 0;
    for (const question of questions) {
      for (const audience of [undefined, 'patient', 'professional'] as const) {
        for (const limit of [1, 7, 30]) {
          const options = { limit, ...(audience ? { audience } : {}) };
          expect(ranking(pruned.search(question, options)), `${question} (${audience ?? 'any'}, ${limit})`).toBe(ranking(unpruned.search(question, options)));
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it('returns nothing for a limit of 0 and everything for a limit above the passages matched', () => {
    expect(pruned.search('denosumab dose', { limit: 0 }).results).toEqual([]);
    const all = pruned.search('denosumab hypocalcaemia', { limit: 100_000 }).results;
    expect(all.length).toBe(unpruned.search('denosumab hypocalcaemia', { limit: 100_000 }).results.length);
    expect(all.length).toBeGreaterThan(copies);
  });
});

describe('LangChain retriever adapter', () => {
  it('returns Documents carrying passage metadata, and none when nothing is relevant', async () => {
    const retriever = new PassageRetriever({ index: services.index, limit: 2 });
    const documents = await retriever.invoke('zoledronate infusion');
    expect(documents.length).toBeGreaterThan(0);
    expect(documents[0]?.metadata).toMatchObject({ docId: 'bone-agents', publisher: 'ASCO', year: 2017, reviewStatus: 'approved' });
    expect(documents[0]?.pageContent).toContain('Zoledronic acid');
    expect(await retriever.invoke('How do I fix a leaking tap?')).toEqual([]);
  });
});
