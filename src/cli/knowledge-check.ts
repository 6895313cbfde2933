import { inspectKnowledge } from '../knowledge/load-knowledge.js';
import { formatProblem } from '../knowledge/problem.js';
import { fleschKincaidGrade } from '../knowledge/readability.js';

// Usage: npm run knowledge:check [-- folder]   (default: KNOWLEDGE_DIR or ./knowledge)
const dir = process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? 'knowledge';
const { base, problems } = await inspectKnowledge(dir);

const rows = base.documents.map((document) => {
  const passages = base.passages.filter((passage) => passage.docId === document.id);
  const grade = document.audience === 'patient' ? fleschKincaidGrade(passages.map((passage) => passage.text)).toFixed(1) : '';
  return { id: document.id, audience: document.audience, status: document.review.status, passages: passages.length, words: document.words, grade };
});
if (rows.length > 0) console.table(rows);
console.log(`${base.documents.length} documents, ${base.passages.length} passages, ${base.synonyms.length} synonym groups in ${dir}`);

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  for (const problem of problems) console.error(`- ${formatProblem(problem)}`);
  process.exit(1);
}
console.log('No problems found.');
