import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureRetrieval, parseGoldQuestions } from '../../src/retrieval/measure-retrieval.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const services = await servicesFor(PACK_KNOWLEDGE);
const questions = parseGoldQuestions(await readFile(path.join(PACK_KNOWLEDGE, '..', 'test', 'fixtures', 'questions.jsonl'), 'utf8'));

describe('retrieval on the gold question set', () => {
  it('is a real set: at least 60 questions, 15 out of scope, every expected document exists', () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(questions.filter((question) => question.expect.length === 0).length).toBeGreaterThanOrEqual(15);
    const ids = new Set(services.knowledge.documents.map((document) => document.id));
    for (const question of questions) for (const id of question.expect) expect(ids.has(id), `${question.id}: ${id}`).toBe(true);
  });

  it('finds the expected documents in the top 5 (recall@5 ≥ 0.9) and turns away ≥ 90% of out-of-scope questions', () => {
    const report = measureRetrieval(services.index, questions);
    console.log(`recall@5 ${report.recallAtK.toFixed(3)}; out-of-scope rejected ${(report.outOfScopeRejected * 100).toFixed(1)}%; in-scope gated ${(report.inScopeRejected * 100).toFixed(1)}%`);
    expect(report.recallAtK).toBeGreaterThanOrEqual(0.9);
    expect(report.outOfScopeRejected).toBeGreaterThanOrEqual(0.9);
    expect(report.inScopeRejected).toBeLessThanOrEqual(0.1);
  });

  it('answers out-of-scope gold questions with the out-of-scope notice and no clinical text', async () => {
    const outOfScope = questions.filter((question) => question.expect.length === 0);
    let rejected = 0;
    for (const question of outOfScope) {
      const answer = await services.answer({ message: question.question, audience: question.audience });
      if (answer.notices.some((notice) => notice.kind === 'out-of-scope')) {
        rejected += 1;
        expect(answer.blocks).toEqual([]);
        expect(answer.references).toEqual([]);
      }
    }
    expect(rejected / outOfScope.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('retrieval on the held-out questions (not used to tune the gate)', () => {
  it('still finds most expected documents in the top 5', async () => {
    const holdout = parseGoldQuestions(await readFile(path.join(PACK_KNOWLEDGE, '..', 'test', 'fixtures', 'questions-holdout.jsonl'), 'utf8'));
    const report = measureRetrieval(services.index, holdout);
    console.log(`held-out: recall@5 ${report.recallAtK.toFixed(3)}; out-of-scope rejected ${(report.outOfScopeRejected * 100).toFixed(1)}%; in-scope gated ${(report.inScopeRejected * 100).toFixed(1)}%`);
    expect(report.inScope).toBeGreaterThanOrEqual(20);
    expect(report.recallAtK).toBeGreaterThanOrEqual(0.8);
  });
});

describe('gold question file parsing', () => {
  it('names the line of a malformed entry', () => {
    expect(() => parseGoldQuestions('{"question":"a","audience":"patient","expect":[]}\n{"question":"b"}')).toThrow('line 2');
  });
});
