import type { AnswerGuide, Passage, SynonymGroup } from '../domain/types.js';
import { normalizeText } from '../text/normalize.js';
import { GUIDE_FILE_NAMES } from './guide-files.js';
import type { Problem } from './problem.js';

const key = (term: string) => normalizeText(term).trim();

/** Adds to each concept every term of the synonym groups that share one of its terms. */
export function completeConceptTerms(guide: AnswerGuide, synonyms: readonly SynonymGroup[]): void {
  for (const concept of guide.concepts) {
    const own = new Set(concept.terms.map(key));
    const terms = [...concept.terms];
    for (const group of synonyms) {
      if (!group.some((term) => own.has(key(term)))) continue;
      for (const term of group) {
        if (!terms.some((existing) => key(existing) === key(term))) terms.push(term);
      }
    }
    concept.terms = terms;
  }
}

/** Section keys (`docId#section-slug`) of the passages held. */
function sectionKeys(passages: readonly Passage[]): Set<string> {
  return new Set(passages.map((passage) => passage.id.replace(/-\d+$/, '')));
}

/** Every name a guide file uses must exist: a concept, a section, a passage. */
export function checkGuide(guide: AnswerGuide, passages: readonly Passage[]): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, number>();
  guide.concepts.forEach((concept) => names.set(key(concept.name), (names.get(key(concept.name)) ?? 0) + 1));
  const known = (name: string) => names.has(key(name));
  const error = (file: string, field: string, reason: string) => problems.push({ file, field, reason, severity: 'error' });

  guide.concepts.forEach((concept, index) => {
    if ((names.get(key(concept.name)) ?? 0) > 1) error(GUIDE_FILE_NAMES.vocabulary, `concepts.${index}.name`, `"${concept.name}" is defined more than once`);
    concept.within.forEach((parent, position) => {
      if (!known(parent)) error(GUIDE_FILE_NAMES.vocabulary, `concepts.${index}.within.${position}`, `names "${parent}", which is not a concept`);
    });
    (concept.for ?? []).forEach((condition, position) => {
      if (!known(condition)) error(GUIDE_FILE_NAMES.vocabulary, `concepts.${index}.for.${position}`, `names "${condition}", which is not a concept`);
    });
  });
  if (guide.scope) {
    guide.scope.background.forEach((name, index) => {
      if (!known(name)) error(GUIDE_FILE_NAMES.scope, `background.${index}`, `names "${name}", which is not a concept of ${GUIDE_FILE_NAMES.vocabulary}`);
    });
    guide.scope.notCovered.forEach((entry, index) => {
      if (!known(entry.concept)) error(GUIDE_FILE_NAMES.scope, `notCovered.${index}.concept`, `names "${entry.concept}", which is not a concept of ${GUIDE_FILE_NAMES.vocabulary}`);
      entry.exceptWith.forEach((name, position) => {
        if (!known(name)) error(GUIDE_FILE_NAMES.scope, `notCovered.${index}.exceptWith.${position}`, `names "${name}", which is not a concept of ${GUIDE_FILE_NAMES.vocabulary}`);
      });
    });
  }
  const sections = sectionKeys(passages);
  const documents = new Set(passages.map((passage) => passage.docId));
  for (const section of Object.keys(guide.sectionQuestions)) {
    if (!sections.has(section)) error(GUIDE_FILE_NAMES.questions, `sections.${section}`, 'is not a section of any document');
  }
  guide.wholeSections.forEach((section, index) => {
    if (!sections.has(section)) error(GUIDE_FILE_NAMES.plans, `wholeSections.${index}`, `"${section}" is not a section of any document`);
  });
  for (const [alert, names] of Object.entries(guide.notBesideAlerts)) {
    names.forEach((name, index) => {
      if (!known(name)) error(GUIDE_FILE_NAMES.plans, `notBesideAlerts.${alert}.${index}`, `names "${name}", which is not a concept`);
    });
  }
  guide.plans.forEach((plan, planIndex) => {
    plan.concepts.forEach((name, index) => {
      if (!known(name)) error(GUIDE_FILE_NAMES.plans, `plans.${planIndex}.concepts.${index}`, `names "${name}", which is not a concept`);
    });
    plan.facets.forEach((facet, facetIndex) => {
      [...facet.concepts, ...(facet.subtype ? [facet.subtype] : [])].forEach((name) => {
        if (!known(name)) error(GUIDE_FILE_NAMES.plans, `plans.${planIndex}.facets.${facetIndex}`, `names "${name}", which is not a concept`);
      });
      facet.documents.forEach((id, index) => {
        if (!documents.has(id)) error(GUIDE_FILE_NAMES.plans, `plans.${planIndex}.facets.${facetIndex}.documents.${index}`, `"${id}" is not a document`);
      });
      facet.sections.forEach((section, index) => {
        if (!sections.has(section)) error(GUIDE_FILE_NAMES.plans, `plans.${planIndex}.facets.${facetIndex}.sections.${index}`, `"${section}" is not a section of any document`);
      });
    });
  });
  return problems;
}
