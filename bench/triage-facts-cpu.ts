import { inspectKnowledge } from '../src/knowledge/load-knowledge.js';
import { extractCaseFacts } from '../src/rules/extract-facts.js';
import { loadTriage, triageDirOf } from '../src/triage/load-triage.js';
import { fingerprintCorpus } from './output-fingerprint.js';
import { WORST_CASE_INPUTS } from './worst-case-inputs.js';

// Usage: npm run bench:triage [-- --rounds N]
// CPU time of red-flag triage and of fact extraction per message, in process, over every distinct text
// of the output corpus (gold questions, chain turns, triage texts, guide questions, test strings). Each
// text is run N times in a row (5 by default) and its mean kept; the figures are the median and mean
// over texts. The worst-case inputs (4,000 characters each) are timed apart, median of 5 runs.
const roundsArgument = process.argv.indexOf('--rounds');
const ROUNDS = roundsArgument >= 0 ? Number(process.argv[roundsArgument + 1]) : 5;

const { base } = await inspectKnowledge('knowledge');
const triage = await loadTriage(triageDirOf('knowledge'), base);
const worst = new Set(WORST_CASE_INPUTS.map(({ message }) => message));
const texts = [...new Set(fingerprintCorpus().map((item) => item.message))].filter((text) => !worst.has(text));

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Mean CPU µs of one call of `run` on the text, over `rounds` calls in a row. */
function timed(run: (text: string) => unknown, text: string, rounds: number): number {
  const started = cpuMicros();
  for (let round = 0; round < rounds; round += 1) run(text);
  return (cpuMicros() - started) / rounds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

const runTriage = (text: string) => triage.triage(text, 'patient');
const runFacts = (text: string) => extractCaseFacts(text);
// Warm up so that the JIT has settled before anything is timed.
for (let pass = 0; pass < 3; pass += 1) {
  for (const text of texts) {
    runTriage(text);
    runFacts(text);
  }
}
const triageTimes = texts.map((text) => timed(runTriage, text, ROUNDS));
const factTimes = texts.map((text) => timed(runFacts, text, ROUNDS));
console.log(`${texts.length} texts, ${ROUNDS} runs each, CPU per text`);
console.log(`triage:           median ${median(triageTimes).toFixed(1)} µs, mean ${mean(triageTimes).toFixed(1)} µs`);
console.log(`fact extraction:  median ${median(factTimes).toFixed(1)} µs, mean ${mean(factTimes).toFixed(1)} µs`);
for (const { name, message } of WORST_CASE_INPUTS) {
  const triageMs = median(Array.from({ length: 5 }, () => timed(runTriage, message, 1))) / 1000;
  const factMs = median(Array.from({ length: 5 }, () => timed(runFacts, message, 1))) / 1000;
  console.log(`worst case ${name} (${message.length} characters): triage ${triageMs.toFixed(2)} ms, facts ${factMs.toFixed(2)} ms`);
}
