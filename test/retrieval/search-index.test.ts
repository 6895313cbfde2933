import { describe, expect, it } from 'vitest';
import { PassageRetriever } from '../../src/retrieval/passage-retriever.js';
import { buildSearchIndex } from '../../src/retrieval/search-index.js';
import { createAnalyzer } from '../../src/text/analyzer.js';
import { servicesFor } from '../helpers/fixture-services.js';
import type { KnowledgeBase } from '../../src/domain/types.js';

const services = await servicesFor();
const topIds = (query: string, audience?: 'patient' | 'professional') =>
  services.index.search(query, audience ? { audience } : {}).results.map((result) => result.passage.id);

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
    const knowledge: KnowledgeBase = {
      synonyms: [],
      documents: [{ id: 'd', file: 'd.md', title: 'Doc', type: 'guideline', publisher: 'P', source: 'S', year: 2020, audience: 'both', topics: ['t'], review: { status: 'approved' }, updated: '2020-01-01', words: 10 }],
      passages: [
        { id: 'd#other-1', docId: 'd', section: 'Other', text: 'Fracture risk is scored with several items here.', pitfall: false },
        { id: 'd#fracture-risk-1', docId: 'd', section: 'Fracture risk', text: 'Several items here are scored together.', pitfall: false },
      ],
    };
    const index = buildSearchIndex(knowledge, createAnalyzer([]));
    expect(index.search('fracture risk').results[0]?.passage.id).toBe('d#fracture-risk-1');
  });

  it('does not let a shared heading favour the shortest passage under it', () => {
    const document = { id: 'd', file: 'd.md', title: 'Doc', type: 'guideline' as const, publisher: 'P', source: 'S', year: 2020, audience: 'both' as const, topics: ['t'], review: { status: 'approved' as const }, updated: '2020-01-01', words: 10 };
    const knowledge: KnowledgeBase = {
      synonyms: [],
      documents: [document],
      passages: [
        { id: 'd#approach-1', docId: 'd', section: 'Treatment approach', text: 'Treatment combines systemic therapy, a bone agent, radiotherapy for painful lesions and surgical review of lesions at risk.', pitfall: false },
        { id: 'd#approach-2', docId: 'd', section: 'Treatment approach', text: 'Surgery comes first for a fracture.', pitfall: false },
      ],
    };
    const index = buildSearchIndex(knowledge, createAnalyzer([]));
    expect(index.search('treatment approach').results[0]?.passage.id).toBe('d#approach-1');
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
