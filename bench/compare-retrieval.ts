import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import type { KnowledgeBase } from '../src/domain/types.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { parseGoldQuestions } from '../src/retrieval/measure-retrieval.js';
import { buildSearchIndex } from '../src/retrieval/search-index.js';
import { createAnalyzer } from '../src/text/analyzer.js';
import { SHORT_QUESTIONS, syntheticKnowledge } from './synthetic-corpus.js';

// Usage: npm run bench:compare — our BM25 index against MiniSearch (BM25+ with fuzzy and prefix search)
// on the same analyzer output: recall@5 on the gold set and short-query latency on 10k synthetic passages.
type Search = (query: string) => string[]; // document ids of the top 5 passages

function ours(knowledge: KnowledgeBase): Search {
  const index = buildSearchIndex(knowledge, createAnalyzer(knowledge.synonyms));
  return (query) => index.search(query, { limit: 5 }).results.map((result) => result.document.id);
}

function minisearch(knowledge: KnowledgeBase): Search {
  const analyzer = createAnalyzer(knowledge.synonyms);
  const titles = new Map(knowledge.documents.map((document) => [document.id, document.title]));
  const engine = new MiniSearch({
    fields: ['text', 'section', 'title'],
    storeFields: ['docId'],
    tokenize: (text) => analyzer.indexTerms(text),
    processTerm: (term) => term,
    searchOptions: { boost: { section: 2, title: 0.5 }, fuzzy: 0.2, prefix: true },
  });
  engine.addAll(knowledge.passages.map((passage) => ({ id: passage.id, docId: passage.docId, text: passage.text, section: passage.section, title: titles.get(passage.docId) ?? '' })));
  return (query) => engine.search(query).slice(0, 5).map((result) => result.docId as string);
}

function recallAt5(search: Search, questions: ReturnType<typeof parseGoldQuestions>): number {
  const inScope = questions.filter((question) => question.expect.length > 0);
  const total = inScope.reduce((sum, question) => {
    const got = search(question.question);
    return sum + question.expect.filter((id) => got.includes(id)).length / question.expect.length;
  }, 0);
  return total / inScope.length;
}

function latency(search: Search): { p50: number; p99: number; buildNote?: string } {
  const samples: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const started = performance.now();
    search(SHORT_QUESTIONS[i % SHORT_QUESTIONS.length]!);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[1000]!, p99: samples[1980]! };
}

const { base } = await loadKnowledge('knowledge');
const questions = parseGoldQuestions(await readFile('test/fixtures/questions.jsonl', 'utf8'));
const synthetic = syntheticKnowledge(10_000);
console.log('| engine | recall@5 (gold set, no relevance gate) | build 10k (ms) | short query p50 / p99 (ms) |');
console.log('| --- | --- | --- | --- |');
for (const [name, build] of [['own BM25', ours], ['MiniSearch', minisearch]] as const) {
  const recall = recallAt5(build(base), questions);
  const started = performance.now();
  const search = build(synthetic);
  const buildMs = performance.now() - started;
  const { p50, p99 } = latency(search);
  console.log(`| ${name} | ${recall.toFixed(3)} | ${buildMs.toFixed(0)} | ${p50.toFixed(3)} / ${p99.toFixed(3)} |`);
}
