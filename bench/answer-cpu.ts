import { readFileSync } from 'node:fs';
import type { Audience } from '../src/domain/types.js';
import { loadServices } from '../src/services.js';

// Usage: npm run bench:answer [-- rounds]
// CPU time of the answer pipeline alone (no HTTP, no store), in process, over the gold questions of
// `npm run bench` for both audiences: one warm-up round, then `rounds` timed rounds (default 5).
// Prints the median round's CPU µs per answer and every round's, so runs of two trees can be
// alternated and compared on a noisy machine.
const rounds = Number(process.argv[2] ?? 5);
const questions = readFileSync('test/fixtures/answers/questions.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { question: string }).question);
const requests = questions.flatMap((message) => (['professional', 'patient'] as Audience[]).map((audience) => ({ message, audience })));

const services = await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules' });
async function round(): Promise<number> {
  const started = process.cpuUsage();
  for (const request of requests) await services.answer({ ...request, history: [] });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / requests.length;
}

await round();
const perAnswer: number[] = [];
for (let i = 0; i < rounds; i += 1) perAnswer.push(await round());
const sorted = [...perAnswer].sort((a, b) => a - b);
console.log(`answer pipeline, ${requests.length} answers a round: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} µs CPU per answer (rounds: ${perAnswer.map((value) => value.toFixed(0)).join(', ')})`);
