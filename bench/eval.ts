import { readFile } from 'node:fs/promises';
import type { Answer, Source } from '../src/domain/types.js';
import { AppError } from '../src/errors.js';
import type { PhraseInput, Phraser } from '../src/generation/phraser.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { parseGoldQuestions } from '../src/retrieval/measure-retrieval.js';
import { buildServices } from '../src/services.js';
import { splitSentences } from '../src/text/sentences.js';
import { validateDraft } from '../src/validation/validate-draft.js';
import { describeMistakes, evaluateReply, formatScore, scoreVerdicts } from '../test/validation/evaluate-corpus.js';
import { loadReplyCorpus } from '../test/validation/reply-corpus.js';
import { testAnalyzer } from '../test/validation/test-analyzer.js';

// Usage: npm run eval — the gold question set through the whole pipeline with a scripted model that
// misbehaves in known ways, plus the validator's precision and recall on the scripted reply corpus.

type Behaviour = 'clean' | 'uncited-then-clean' | 'altered-dose-then-clean' | 'always-bad' | 'provider-error';
const BEHAVIOURS: Behaviour[] = ['clean', 'uncited-then-clean', 'altered-dose-then-clean', 'always-bad', 'provider-error'];

function quote(source: Source): string {
  return splitSentences(source.text).map((sentence) => `${sentence} [${source.n}]`).join(' ');
}
function cleanReply(input: PhraseInput): string {
  const picked = input.sources.slice(0, 3);
  return `# What the guidelines say\n\n${quote(picked[0]!)}\n\n## Details\n\n${picked.slice(1).map((source) => `- ${quote(source)}`).join('\n')}\n`;
}
function alteredDose(input: PhraseInput): string {
  return cleanReply(input).replace(/\b(\d+)(\s?(?:mg|mL\/min|Gy|%|weeks))/, (_match, value: string, unit: string) => `${Number(value) + 7}${unit}`) + '\nDenosumab 999 mg is given daily. [1]\n';
}
const UNCITED = (input: PhraseInput) => `${cleanReply(input)}\nMost patients need no further treatment after this.\n`;

function scriptedPhraser(behaviour: Behaviour): Phraser {
  let calls = 0;
  const reply = (input: PhraseInput): string => {
    calls += 1;
    switch (behaviour) {
      case 'clean':
        return cleanReply(input);
      case 'uncited-then-clean':
        return calls === 1 ? UNCITED(input) : cleanReply(input);
      case 'altered-dose-then-clean':
        return calls === 1 ? alteredDose(input) : cleanReply(input);
      case 'always-bad':
        return UNCITED(input);
      case 'provider-error':
        throw new AppError('model_unavailable', 'The model service answered 503.');
    }
  };
  return { draft: async (input) => reply(input), repair: async (input) => reply(input), rewrite: async (input) => input.message };
}

function asSources(answer: Answer): Source[] {
  return answer.references.map((reference) => ({ n: reference.n, kind: reference.type === 'rule-finding' ? 'finding' : 'passage', id: reference.passageId, title: reference.title, text: reference.quote }));
}

const { base } = await loadKnowledge('knowledge');
const questions = parseGoldQuestions(await readFile('test/fixtures/questions.jsonl', 'utf8'));
const statuses = new Map<string, number>();
let sentences = 0;
let validlyCited = 0;
let fullyValid = 0;
let answered = 0;
for (const [index, gold] of questions.entries()) {
  const behaviour = BEHAVIOURS[index % BEHAVIOURS.length]!;
  const services = buildServices(base, { phraser: scriptedPhraser(behaviour) });
  const answer = await services.answer({ message: gold.question, audience: gold.audience });
  if (answer.blocks.length === 0) continue;
  answered += 1;
  const key = `${answer.mode}/${answer.validation.status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const report = validateDraft(answer.markdown, { sources: asSources(answer), findings: answer.findings, analyzer: services.analyzer, audience: 'professional' });
  const citationFailures = new Set(report.failures.filter((failure) => failure.check === 'citation').map((failure) => failure.claim));
  const allFailures = new Set(report.failures.map((failure) => failure.claim));
  for (const claim of report.claims) {
    sentences += 1;
    if (!citationFailures.has(claim.text)) validlyCited += 1;
    if (!allFailures.has(claim.text)) fullyValid += 1;
  }
}

const corpus = loadReplyCorpus();
const analyzer = testAnalyzer();
const verdicts = await Promise.all(corpus.map((reply) => evaluateReply(reply, analyzer)));
const tuning = verdicts.filter((verdict) => !verdict.reply.heldOut);
const heldOut = verdicts.filter((verdict) => verdict.reply.heldOut);

const fallbacks = [...statuses].filter(([key]) => key.endsWith('/fallback')).reduce((sum, [, count]) => sum + count, 0);
console.log(`gold questions: ${questions.length} (${answered} answered, the rest out of scope); scripted model behaviours cycled: ${BEHAVIOURS.join(', ')}`);
console.log(`delivered sentences with valid citations: ${validlyCited}/${sentences} = ${((validlyCited / sentences) * 100).toFixed(1)}%`);
console.log(`delivered sentences passing every validator check: ${fullyValid}/${sentences} = ${((fullyValid / sentences) * 100).toFixed(1)}%`);
console.log(`outcomes: ${[...statuses].map(([key, count]) => `${key} ${count}`).join(', ')}`);
console.log(`fallback rate: ${((fallbacks / answered) * 100).toFixed(1)}% (two of the five scripted behaviours never produce a valid draft; patient answers quoting professional text also fail the reading-level check)`);
console.log(`validator on ${corpus.length} scripted replies (test/fixtures/model-replies; drafts, streamed drafts and follow-up rewrites):`);
console.log(`  ${formatScore('tuning part', scoreVerdicts(tuning))}`);
console.log(`  ${formatScore('held-out part', scoreVerdicts(heldOut))}`);
console.log(`  ${formatScore('all', scoreVerdicts(verdicts))}`);
for (const kind of ['draft', 'stream', 'rewrite'] as const) {
  console.log(`    ${formatScore(`${kind}s`, scoreVerdicts(verdicts.filter((verdict) => verdict.reply.kind === kind)))}`);
}
for (const mistake of describeMistakes(verdicts)) console.log(`  ${mistake}`);
const leaked = verdicts.filter((verdict) => verdict.leaked).length;
console.log(`  streamed drafts that released planted text: ${leaked}`);
const tuningScore = scoreVerdicts(tuning);
process.exit(validlyCited === sentences && leaked === 0 && tuningScore.recall === 1 && tuningScore.precision >= 0.97 ? 0 : 1);
