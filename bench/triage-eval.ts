import { readFile } from 'node:fs/promises';
import type { Answer } from '../src/domain/types.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { loadRules } from '../src/rules/load-rules.js';
import { buildServices } from '../src/services.js';
import { loadTriage, triageDirOf } from '../src/triage/load-triage.js';
import { parseTriageCorpus, scoreTriage, type TriageCase } from '../src/triage/measure-triage.js';

// Usage: npm run eval:triage [-- --misses]
// Scores red-flag triage on the held-out corpus and on the tuning corpus, then runs every phrasing
// through the full answer pipeline (bundled knowledge, rules and triage) and counts pages that show an
// urgent notice together with an out-of-scope one. `--misses` lists the tuning part's misses only:
// the held-out part is reported in numbers, so it is never tuned on.
const TARGETS = { caught: 0.98, falseAlarms: 0.1 };
const PARTS = [
  { name: 'held-out', file: 'test/fixtures/triage/holdout.jsonl', listMisses: false },
  { name: 'tuning', file: 'test/fixtures/triage/corpus.jsonl', listMisses: process.argv.includes('--misses') },
];

const { base } = await loadKnowledge('knowledge');
const triage = await loadTriage(triageDirOf('knowledge'), base);
const services = buildServices(base, { triage, rules: await loadRules('rules', base) });

function contradictoryPage(answer: Answer): boolean {
  const urgent = answer.notices.some((notice) => notice.kind === 'urgent');
  return urgent && answer.notices.some((notice) => notice.kind === 'out-of-scope');
}

let heldOutMet = true;
for (const part of PARTS) {
  const cases: TriageCase[] = parseTriageCorpus(part.file, await readFile(part.file, 'utf8'));
  const score = scoreTriage(cases, triage.triage, new Map(triage.concepts.map((concept) => [concept.id, concept.yieldsTo])));
  // Counted strictly, an expected alert covered only by the alert it yields to is a miss.
  const strict = scoreTriage(cases, triage.triage);
  let pages = 0;
  for (const item of cases) {
    if (contradictoryPage(await services.answer({ message: item.text, audience: item.audience }))) pages += 1;
  }
  const caught = score.caught / score.emergencies;
  const falseAlarms = score.falseAlarms / score.nonEmergencies;
  const met = caught >= TARGETS.caught && falseAlarms <= TARGETS.falseAlarms && pages === 0;
  if (part.name === 'held-out') heldOutMet = met;
  console.log(`\n${part.name} (${part.file}): ${cases.length} phrasings`);
  console.log(`  emergencies caught:       ${score.caught}/${score.emergencies} = ${caught.toFixed(3)} (target ≥ ${TARGETS.caught}); with any urgent notice ${score.caughtAnyUrgent}/${score.emergencies}; counted strictly ${strict.caught}/${strict.emergencies}`);
  console.log(`  false alarms:             ${score.falseAlarms}/${score.nonEmergencies} = ${falseAlarms.toFixed(3)} (target ≤ ${TARGETS.falseAlarms})`);
  console.log(`  information notices:      ${score.informationGiven}/${score.informationExpected} informational or hypothetical questions`);
  console.log(`  urgent + out-of-scope pages (full pipeline): ${pages} (target 0)`);
  if (part.listMisses) for (const miss of score.misses) console.log(`  - ${miss.id} "${miss.text}" expected ${miss.expected}; got ${miss.got}`);
}
process.exitCode = heldOutMet ? 0 : 1;
