import { describe, expect, it } from 'vitest';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

// Every suggested follow-up is a question of knowledge/questions.yaml; asked as a new question, each
// must be answered in scope, and nearly all from the very section it was written for.
const pack = await servicesFor(PACK_KNOWLEDGE);
const questions = Object.entries(pack.knowledge.guide?.sectionQuestions ?? {}).flatMap(([section, list]) => list.map((question) => ({ section, question })));

describe('the follow-up questions of the bundled pack', () => {
  it('cover every section that is not a list of pitfalls', () => {
    const sections = new Set(pack.knowledge.passages.filter((passage) => !passage.pitfall).map((passage) => passage.id.replace(/-\d+$/, '')));
    const asked = new Set(questions.map((entry) => entry.section));
    expect([...sections].filter((section) => !asked.has(section))).toEqual([]);
  });

  it('are each answered in scope, for the audience of their document, and nearly all from their own section', async () => {
    const refused: string[] = [];
    const elsewhere: string[] = [];
    for (const { section, question } of questions) {
      const document = pack.knowledge.documents.find((candidate) => candidate.id === section.split('#')[0])!;
      const answer = await pack.answer({ message: question, audience: document.audience === 'patient' ? 'patient' : 'professional' });
      if (answer.notices.some((notice) => notice.kind === 'out-of-scope') || answer.blocks.length === 0) refused.push(question);
      else if (!answer.references.some((reference) => reference.passages.some((passage) => passage.id.startsWith(`${section}-`)))) elsewhere.push(`${section}: ${question}`);
    }
    expect(refused).toEqual([]);
    expect(elsewhere.length / questions.length, elsewhere.join('\n')).toBeLessThanOrEqual(0.1);
  });
});
