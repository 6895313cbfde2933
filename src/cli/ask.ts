import type { Answer, Audience } from '../domain/types.js';
import { readConfig } from '../config.js';
import { loadServices, modelSettingsFrom } from '../services.js';

// Usage: npm run ask -- [--patient] "question"
const args = process.argv.slice(2);
const audience: Audience = args.includes('--patient') ? 'patient' : 'professional';
const question = args.filter((arg) => !arg.startsWith('--')).join(' ').trim();
if (!question) {
  console.error('Usage: npm run ask -- [--patient] "your question"');
  process.exit(2);
}

function render(answer: Answer): string {
  const urgent = answer.notices.filter((notice) => notice.kind === 'urgent').map((notice) => `URGENT: ${notice.text}`);
  const others = answer.notices.filter((notice) => notice.kind !== 'urgent').map((notice) => `> ${notice.text}`);
  const references = answer.references.map(
    (reference) =>
      `${reference.n}. ${reference.title}. ${reference.publisher}, ${reference.year} (${reference.type}; ${reference.reviewStatus}; updated ${reference.updated}) — ${reference.passageId}`,
  );
  return [
    ...urgent,
    answer.understoodFacts.length ? `Understood: ${answer.understoodFacts.join('; ')}\n` : '',
    answer.markdown.trim(),
    references.length ? `\n## References\n${references.join('\n')}` : '',
    others.length ? `\n${others.join('\n')}` : '',
    `\n(${answer.mode} answer; validation ${answer.validation.status}, ${answer.validation.claims} claims)`,
    answer.followUps.length ? `\nYou could also ask:\n${answer.followUps.map((followUp) => `- ${followUp}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

try {
  const config = readConfig(process.env);
  const model = modelSettingsFrom(config);
  const services = await loadServices({ knowledgeDir: config.KNOWLEDGE_DIR, ...(config.RULES_DIR ? { rulesDir: config.RULES_DIR } : {}), ...(model ? { model } : {}) });
  console.log(render(await services.answer({ message: question, audience })));
} catch (error) {
  console.error(error instanceof Error && error.name !== 'Error' ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
