import type { Audience } from '../domain/types.js';
import type { SearchIndex } from './search-index.js';

export type GoldQuestion = { id: string; question: string; audience: Audience; expect: string[] };

export type RetrievalReport = {
  inScope: number;
  outOfScope: number;
  /** Mean share of expected documents found among the documents of the top-k passages (in-scope only). */
  recallAtK: number;
  /** Share of out-of-scope questions the relevance gate turned away. */
  outOfScopeRejected: number;
  /** Share of in-scope questions the gate wrongly turned away. */
  inScopeRejected: number;
  misses: Array<{ id: string; question: string; expected: string[]; got: string[]; relevant: boolean }>;
};

/** Parses the gold question set (JSON lines), naming the line of any malformed entry. */
export function parseGoldQuestions(text: string): GoldQuestion[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const value = JSON.parse(line) as Partial<GoldQuestion>;
      if (typeof value.question !== 'string' || !Array.isArray(value.expect) || (value.audience !== 'patient' && value.audience !== 'professional')) {
        throw new Error(`questions line ${number}: needs question, audience (patient|professional) and expect[]`);
      }
      return { id: value.id ?? `line-${number}`, question: value.question, audience: value.audience, expect: value.expect };
    });
}

export function measureRetrieval(index: SearchIndex, questions: readonly GoldQuestion[], k = 5): RetrievalReport {
  const report: RetrievalReport = { inScope: 0, outOfScope: 0, recallAtK: 0, outOfScopeRejected: 0, inScopeRejected: 0, misses: [] };
  let recallSum = 0;
  for (const gold of questions) {
    const { results, relevant } = index.search(gold.question, { audience: gold.audience, limit: k });
    const got = [...new Set(results.map((result) => result.document.id))];
    if (gold.expect.length === 0) {
      report.outOfScope += 1;
      if (!relevant) report.outOfScopeRejected += 1;
      else report.misses.push({ id: gold.id, question: gold.question, expected: [], got, relevant });
      continue;
    }
    report.inScope += 1;
    const found = relevant ? gold.expect.filter((id) => got.includes(id)).length : 0;
    recallSum += found / gold.expect.length;
    if (!relevant) report.inScopeRejected += 1;
    if (found < gold.expect.length) report.misses.push({ id: gold.id, question: gold.question, expected: gold.expect, got, relevant });
  }
  report.recallAtK = report.inScope ? recallSum / report.inScope : 0;
  report.outOfScopeRejected = report.outOfScope ? report.outOfScopeRejected / report.outOfScope : 0;
  report.inScopeRejected = report.inScope ? report.inScopeRejected / report.inScope : 0;
  return report;
}
