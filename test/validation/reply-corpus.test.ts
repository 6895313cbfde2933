import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../src/validation/validate-draft.js';
import { isDraft, loadReplyCorpus } from './reply-corpus.js';
import { testAnalyzer } from './test-analyzer.js';

// "fail" is the positive class: precision = rejected drafts that deserved it; recall = bad drafts caught.
describe('validator on the scripted model-reply corpus', () => {
  const analyzer = testAnalyzer();
  const corpus = loadReplyCorpus().filter(isDraft);
  const results = corpus.map((reply) => ({
    reply,
    report: validateDraft(reply.reply, { sources: reply.sources, findings: reply.findings, analyzer, audience: reply.audience }),
  }));

  it('holds at least 40 replies, both clean and faulty', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((reply) => reply.expect === 'pass').length).toBeGreaterThanOrEqual(15);
    expect(corpus.filter((reply) => reply.expect === 'fail').length).toBeGreaterThanOrEqual(15);
    const checks = new Set(corpus.flatMap((reply) => (reply.check ? [reply.check] : [])));
    expect([...checks].sort()).toEqual(['citation', 'contradiction', 'number', 'reading-level', 'support', 'unknown-source']);
  });

  it('reaches precision and recall of at least 0.95', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const mistakes: string[] = [];
    for (const { reply, report } of results) {
      const rejected = !report.passed;
      const shouldReject = reply.expect === 'fail';
      if (rejected && shouldReject) truePositives += 1;
      if (rejected && !shouldReject) {
        falsePositives += 1;
        mistakes.push(`false rejection ${reply.file}: ${report.failures.map((f) => `${f.check}: ${f.reason}`).join(' | ')}`);
      }
      if (!rejected && shouldReject) {
        falseNegatives += 1;
        mistakes.push(`missed ${reply.file} (${reply.check ?? 'any'})`);
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.info(
      `validator on ${results.length} scripted replies: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} ` +
        `(tp ${truePositives}, fp ${falsePositives}, fn ${falseNegatives})`,
    );
    for (const mistake of mistakes) console.info(`  ${mistake}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each(results.filter(({ reply }) => reply.expect === 'fail' && reply.check).map((result) => [result.reply.name, result] as const))(
    'names the expected check for %s',
    (_name, { reply, report }) => {
      expect(report.failures.map((failure) => failure.check)).toContain(reply.check);
      for (const failure of report.failures) expect(failure.reason.length).toBeGreaterThan(0);
    },
  );
});
