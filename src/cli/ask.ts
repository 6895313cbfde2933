import type { Answer, Audience, Notice } from '../domain/types.js';
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
  const label: Partial<Record<Notice['kind'], string>> = { urgent: 'URGENT', 'warning-signs': 'WARNING SIGNS', 'out-of-scope': 'NOT COVERED', 'not-covered': 'NOT COVERED', 'professional-source': 'NOTE' };
  const leading = answer.notices.filter((notice) => label[notice.kind]).map((notice) => `${label[notice.kind]}: ${notice.text}`);
  const others = answer.notices.filter((notice) => !label[notice.kind]).map((notice) => `> ${notice.text}`);
  const references = answer.references.map(
    (reference) =>
      `${reference.n}. ${reference.title}. ${reference.publisher}, ${reference.year} (${reference.type}; ${reference.reviewStatus}; updated ${reference.updated}) — ${reference.passages.map((passage) => passage.id).join(', ')}`,
  );
  const focus = answer.understood.focus.map((entry) => `${entry.concept}${entry.covered ? '' : ' (not covered)'}`).join(', ');
  return [
    ...leading,
    `Understood: ${answer.understood.intent}${focus ? ` — ${focus}` : ''}`,
    answer.understoodFacts.length ? `Case facts: ${answer.understoodFacts.join('; ')}\n` : '',
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
