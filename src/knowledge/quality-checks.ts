import type { KnowledgeDocument, Passage } from '../domain/types.js';
import { splitSentences } from '../text/sentences.js';
import type { Problem } from './problem.js';
import { fleschKincaidGrade } from './readability.js';

export const PATIENT_MAX_GRADE = 8;

// A sentence opening with one of these leans on the sentence before it, so it cannot be quoted alone.
const DANGLING_START = /^(?:it|this|these|that|those|they|them|such|he|she|its|their)\b/i;

// Each pattern finds a non-canonical spelling of a number or unit; the reason says the canonical form.
const NON_CANONICAL_UNITS: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /\b\d+(?:\.\d+)?(?:mg|mcg|g|kg|mL|L|Gy|IU|mmol)\b/, reason: 'puts no space between a number and its unit (write "4 mg", "8 Gy")' },
  { pattern: /\bmls?\/min\b|\bML\/min\b/, reason: 'writes a clearance unit other than "mL/min"' },
  { pattern: /\bmg\/dl\b|\bMG\/DL\b/, reason: 'writes a concentration unit other than "mg/dL"' },
  { pattern: /\bg\/dl\b/, reason: 'writes "g/dl" instead of "g/dL"' },
  { pattern: /\bmmol\/l\b/, reason: 'writes "mmol/l" instead of "mmol/L"' },
  { pattern: /\d\s+%/, reason: 'puts a space before "%" (write "27.3%")' },
  { pattern: /\d\s*(?:gy|GY|cGy)\b/, reason: 'writes a radiation dose unit other than "Gy"' },
  { pattern: /\b\d+\s*(?:mgs|milligrams?)\b/i, reason: 'spells a dose unit out (write "mg")' },
];

/** Checks that make every passage safe to quote alone and every number easy to match exactly. */
export function checkQuality(document: KnowledgeDocument, passages: readonly Passage[]): Problem[] {
  const problems: Problem[] = [];
  const file = document.file;
  for (const passage of passages) {
    const field = `passage ${passage.id}`;
    for (const sentence of splitSentences(passage.text)) {
      if (DANGLING_START.test(sentence)) {
        problems.push({ file, field, reason: `has a sentence that starts with a pronoun and cannot be quoted alone: "${sentence.slice(0, 60)}"`, severity: 'quality' });
      }
    }
    for (const { pattern, reason } of NON_CANONICAL_UNITS) {
      const match = pattern.exec(passage.text);
      if (match) problems.push({ file, field, reason: `${reason}: "${match[0]}"`, severity: 'quality' });
    }
  }
  if (document.audience === 'patient') {
    const grade = fleschKincaidGrade(passages.map((passage) => passage.text));
    if (grade > PATIENT_MAX_GRADE) {
      problems.push({
        file,
        field: 'readability',
        reason: `reads at grade ${grade.toFixed(1)} (Flesch-Kincaid); patient documents must be at or below grade ${PATIENT_MAX_GRADE}`,
        severity: 'quality',
      });
    }
  }
  return problems;
}
