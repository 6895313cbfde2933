import { isGroundedRewrite } from '../../src/conversation/standalone-question.js';
import type { ValidationCheck } from '../../src/domain/types.js';
import { checkStreamedUnit } from '../../src/generation/check-streamed-unit.js';
import { relayValidatedText, type TextUnit } from '../../src/http/sentence-relay.js';
import type { Analyzer } from '../../src/text/analyzer.js';
import { validateDraft } from '../../src/validation/validate-draft.js';
import type { ScriptedDraft, ScriptedReply } from './reply-corpus.js';

/** What the validator made of one scripted reply. "Rejected" is the positive class. */
export type Verdict = {
  reply: ScriptedReply;
  rejected: boolean;
  checks: ValidationCheck[];
  /** Reasons given, for reports. */
  reasons: string[];
  /** A stream released its planted text. */
  leaked: boolean;
};

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
}

async function evaluateStream(reply: ScriptedDraft & { kind: 'stream' }, analyzer: Analyzer): Promise<Verdict> {
  const context = { sources: reply.sources, findings: reply.findings, analyzer, audience: reply.audience };
  const released: TextUnit[] = [];
  const outcome = await relayValidatedText({
    deltas: chunks(reply.reply, reply.chunk),
    validate: (unit) => checkStreamedUnit(unit.markdown, context),
    release: (unit) => void released.push(unit),
  });
  const leaked = reply.planted !== undefined && released.some((unit) => unit.text.includes(reply.planted!));
  if (outcome.status === 'rejected') return { reply, rejected: true, checks: [outcome.check], reasons: [outcome.reason], leaked };
  const report = validateDraft(outcome.status === 'complete' ? outcome.text : '', context);
  return { reply, rejected: !report.passed, checks: report.failures.map((failure) => failure.check), reasons: report.failures.map((failure) => failure.reason), leaked };
}

/** Runs one reply through what production runs it through: the validator, the stream relay, or the rewrite check. */
export async function evaluateReply(reply: ScriptedReply, analyzer: Analyzer): Promise<Verdict> {
  if (reply.kind === 'rewrite') {
    const accepted = isGroundedRewrite(reply.rewrite, [...reply.history, reply.message], analyzer);
    return { reply, rejected: !accepted, checks: [], reasons: [], leaked: false };
  }
  if (reply.kind === 'stream') return evaluateStream(reply, analyzer);
  const report = validateDraft(reply.reply, { sources: reply.sources, findings: reply.findings, analyzer, audience: reply.audience });
  return { reply, rejected: !report.passed, checks: report.failures.map((failure) => failure.check), reasons: report.failures.map((failure) => failure.reason), leaked: false };
}

export type Score = {
  replies: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  /** Share of the good drafts (expected to pass) that were rejected. */
  falseRejectionShare: number;
};

export function scoreVerdicts(verdicts: readonly Verdict[]): Score {
  const count = (rejected: boolean, expect: 'pass' | 'fail') => verdicts.filter((verdict) => verdict.rejected === rejected && verdict.reply.expect === expect).length;
  const truePositives = count(true, 'fail');
  const falsePositives = count(true, 'pass');
  const falseNegatives = count(false, 'fail');
  const trueNegatives = count(false, 'pass');
  return {
    replies: verdicts.length,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives,
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
    falseRejectionShare: falsePositives + trueNegatives === 0 ? 0 : falsePositives / (falsePositives + trueNegatives),
  };
}

export function formatScore(label: string, score: Score): string {
  return (
    `${label}: ${score.replies} replies, precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, ` +
    `good drafts falsely rejected ${score.falsePositives}/${score.falsePositives + score.trueNegatives} = ${(score.falseRejectionShare * 100).toFixed(1)}%`
  );
}

/** One line per mistake, for reports: a false rejection with its reasons, or a missed bad reply. */
export function describeMistakes(verdicts: readonly Verdict[]): string[] {
  return verdicts.flatMap((verdict) => {
    const { reply } = verdict;
    if (verdict.rejected && reply.expect === 'pass') return [`false rejection ${reply.file}: ${verdict.checks.map((check, index) => `${check}: ${verdict.reasons[index] ?? ''}`).join(' | ')}`];
    if (!verdict.rejected && reply.expect === 'fail') return [`missed ${reply.file}`];
    if (verdict.leaked) return [`leaked planted text ${reply.file}`];
    return [];
  });
}
