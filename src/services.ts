import { randomUUID } from 'node:crypto';
import { createAnswerer } from './answer/answer-question.js';
import type { Services } from './app.js';
import type { KnowledgeBase } from './domain/types.js';
import { loadKnowledge } from './knowledge/load-knowledge.js';
import type { Problem } from './knowledge/problem.js';
import { buildSearchIndex, type SearchIndex } from './retrieval/search-index.js';
import { createAnalyzer, type Analyzer } from './text/analyzer.js';

export type ServiceSettings = { knowledgeDir: string };

export type BuiltServices = Services & { index: SearchIndex; analyzer: Analyzer; qualityProblems: Problem[] };

/** Builds everything a request needs from the knowledge folder; shared by the server and the CLI. */
export function buildServices(knowledge: KnowledgeBase): Omit<BuiltServices, 'qualityProblems'> {
  const analyzer = createAnalyzer(knowledge.synonyms);
  const index = buildSearchIndex(knowledge, analyzer);
  const answer = createAnswerer({ knowledge, index, newConversationId: randomUUID });
  return { knowledge, index, analyzer, answer };
}

/** Loads and checks the knowledge folder (throws KnowledgeError on blocking problems), then builds. */
export async function loadServices(settings: ServiceSettings): Promise<BuiltServices> {
  const { base, problems } = await loadKnowledge(settings.knowledgeDir);
  return { ...buildServices(base), qualityProblems: problems };
}
