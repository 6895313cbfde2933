// Validates the rules folder, the calculators and the knowledge folder's triage data against the knowledge,
// then checks the rule properties (no contradictory findings, band edges toward caution) on generated cases.
// Usage: npm run rules:check [-- <rules-dir> <knowledge-dir>]
import { inspectKnowledge } from '../knowledge/load-knowledge.js';
import type { Problem } from '../knowledge/problem.js';
import { checkRuleProperties } from '../rules/check-rule-properties.js';
import { inspectRules } from '../rules/load-rules.js';
import { createRulesEngine } from '../rules/rules-engine.js';
import { hasTriageFolder, inspectTriage, triageDirOf } from '../triage/load-triage.js';

const [rulesDir = 'rules', knowledgeDir = 'knowledge'] = process.argv.slice(2);

const knowledge = await inspectKnowledge(knowledgeDir);
const knowledgeErrors = knowledge.problems.filter((problem) => problem.severity === 'error');
const { rules, problems } = await inspectRules(rulesDir, knowledge.base);
// A knowledge folder without triage data serves without red-flag triage; one with it must be sound.
const triageDir = triageDirOf(knowledgeDir);
const triage = (await hasTriageFolder(knowledgeDir)) ? await inspectTriage(triageDir, knowledge.base) : { problems: [], files: 0 };
const all: Problem[] = [...problems, ...triage.problems];
// Properties only mean something for a folder that loads.
const properties = all.length === 0 ? checkRuleProperties(createRulesEngine({ rules, knowledge: knowledge.base })) : undefined;
all.push(...(properties?.problems ?? []));

if (knowledgeErrors.length > 0) {
  console.error(`Knowledge folder ${knowledgeDir} has ${knowledgeErrors.length} error(s); run npm run knowledge:check.`);
}
const byFile = new Map<string, Problem[]>();
for (const problem of all) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
for (const [file, fileProblems] of byFile) {
  console.error(`\n${file}`);
  for (const problem of fileProblems) console.error(problem.field ? `  ${problem.field}: ${problem.reason}` : `  ${problem.reason}`);
}
if (all.length > 0 || knowledgeErrors.length > 0) {
  console.error(`\n${all.length} problem(s) in ${rulesDir}/ against ${knowledgeDir}/.`);
  process.exitCode = 1;
} else {
  console.log(`${rules.length} rules in ${rulesDir}/ and ${triage.files} triage files in ${triageDir}/ cite only passages of ${knowledgeDir}/ (${knowledge.base.passages.length} passages).`);
  console.log(`No contradictory findings and every band edge toward caution in ${properties?.cases ?? 0} generated cases. No problems.`);
}
