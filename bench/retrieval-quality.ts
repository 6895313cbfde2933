import { readFile } from 'node:fs/promises';
import { measureRetrieval, parseGoldQuestions } from '../src/retrieval/measure-retrieval.js';
import { loadServices } from '../src/services.js';

// Usage: npm run eval:retrieval [-- questions.jsonl]  — recall@5 and out-of-scope rejection on a question set
// (default: the gold set the relevance gate was tuned on; test/fixtures/questions-holdout.jsonl was not used for tuning).
const services = await loadServices({ knowledgeDir: 'knowledge' });
const questions = parseGoldQuestions(await readFile(process.argv[2] ?? 'test/fixtures/questions.jsonl', 'utf8'));
const report = measureRetrieval(services.index, questions);
console.log(`${process.argv[2] ?? 'gold set'}: ${report.inScope} in-scope, ${report.outOfScope} out-of-scope questions`);
console.log(`recall@5 (in-scope): ${report.recallAtK.toFixed(3)}`);
console.log(`out-of-scope answered as out-of-scope: ${(report.outOfScopeRejected * 100).toFixed(1)}%`);
console.log(`in-scope wrongly turned away: ${(report.inScopeRejected * 100).toFixed(1)}%`);
for (const miss of report.misses) {
  console.log(`- ${miss.id} ${miss.relevant ? '' : '[gated] '}expected ${miss.expected.join(',') || 'out-of-scope'}; got ${miss.got.join(',')}: ${miss.question.slice(0, 90)}`);
}
