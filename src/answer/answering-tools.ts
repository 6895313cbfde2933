import type { AnswerGuide, Finding, KnowledgeBase } from '../domain/types.js';
import { createAnswerPlanner, type AnswerPlanner, type PlannedAnswer } from './plan-answer.js';
import { createSentenceBank, type SentenceBank } from './sentence-bank.js';
import type { CaseFacts } from '../rules/case-schema.js';
import type { Analyzer } from '../text/analyzer.js';
import { normalizeText } from '../text/normalize.js';
import { createFollowUpRewriter, type FollowUpRewriter } from '../conversation/rewrite-follow-up.js';
import { createQuestionAnalyzer, type QuestionAnalysis, type QuestionAnalyzer } from '../question/analyze-question.js';
import { createConceptMatcher, tokenize, type ConceptMatcher } from '../question/concept-matcher.js';
import { compileCues } from '../question/cue-pattern.js';

export type AnsweringTools = {
  matcher: ConceptMatcher;
  analyzer: QuestionAnalyzer;
  bank: SentenceBank;
  planner: AnswerPlanner;
  followUps: FollowUpRewriter;
  /** The message speaks of a person (a patient, "my mum", measured values), not of a topic. */
  describesCase(message: string, facts: Partial<CaseFacts>): boolean;
  /** The findings that bear on the concepts a general question asks about. */
  findingsOnFocus(findings: readonly Finding[], analysis: QuestionAnalysis): Finding[];
  emptyPlan(analysis: QuestionAnalysis): PlannedAnswer;
};

// Facts that can only be a person's own: a topic question never states a creatinine.
const PERSONAL_FACTS: ReadonlyArray<keyof CaseFacts> = [
  'age',
  'weightKg',
  'creatinineMgPerDl',
  'creatinineClearance',
  'egfr',
  'calciumMgPerDl',
  'correctedCalciumMgPerDl',
  'albuminGPerDl',
  'priorLinesForMetastatic',
  'mirelsScore',
  'sinsScore',
  'boneLesions',
  'spine',
];

/** Everything question analysis and answer planning need, built once from the knowledge folder. */
export function createAnsweringTools(knowledge: KnowledgeBase, guide: AnswerGuide, textAnalyzer: Analyzer): AnsweringTools {
  const knownWords = new Set<string>();
  for (const passage of knowledge.passages) for (const token of tokenize(`${passage.section} ${passage.text}`)) knownWords.add(token.word);
  for (const document of knowledge.documents) for (const token of tokenize(document.title)) knownWords.add(token.word);
  const matcher = createConceptMatcher(guide.concepts, knownWords);
  const analyzer = createQuestionAnalyzer(guide, matcher);
  const bank = createSentenceBank(knowledge, guide, matcher, textAnalyzer);
  const planner = createAnswerPlanner({ guide, bank, matcher, analyzer: textAnalyzer });
  const caseCue = compileCues(guide.caseCues);
  const followUps = createFollowUpRewriter(matcher, new Set((guide.scope?.background ?? []).map((name) => name.toLowerCase())));
  const passageSections = new Map(knowledge.passages.map((passage) => [passage.id, passage.section]));

  function conceptsOf(text: string): Set<string> {
    const names = new Set<string>();
    for (const match of matcher.find(text)) {
      names.add(match.concept.name);
      matcher.broader(match.concept.name).forEach((name) => names.add(name));
    }
    return names;
  }

  return {
    matcher,
    analyzer,
    bank,
    planner,
    followUps,
    describesCase(message, facts) {
      if (PERSONAL_FACTS.some((key) => facts[key] !== undefined)) return true;
      return caseCue ? caseCue.test(normalizeText(message)) : false;
    },
    findingsOnFocus(findings, analysis) {
      const focus = analysis.focus.filter((entry) => !entry.background).map((entry) => entry.concept.name);
      if (focus.length === 0) return [];
      return findings.filter((finding) => {
        const sections = finding.passageIds.map((id) => passageSections.get(id) ?? '').join('. ');
        const named = conceptsOf(`${finding.title}. ${finding.summary}. ${sections}`);
        return focus.some((name) => named.has(name));
      });
    },
    emptyPlan(analysis) {
      return {
        lead: [],
        sections: [],
        pitfalls: [],
        coverage: analysis.focus.filter((entry) => !entry.background).map((entry) => ({ concept: entry.concept, covered: false })),
        uncovered: [],
        professionalSource: false,
        passages: [],
      };
    },
  };
}
