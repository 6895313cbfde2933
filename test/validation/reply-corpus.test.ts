import { describe, expect, it } from 'vitest';
import { describeMistakes, evaluateReply, formatScore, scoreVerdicts } from './evaluate-corpus.js';
import { loadReplyCorpus } from './reply-corpus.js';
import { testAnalyzer } from './test-analyzer.js';

// "Rejected" is the positive class: precision = rejected replies that deserved it; recall = bad replies caught.
// The held-out replies were written with the others but never looked at while the validator was tuned.
const corpus = loadReplyCorpus();
const analyzer = testAnalyzer();
const verdicts = await Promise.all(corpus.map((reply) => evaluateReply(reply, analyzer)));
const tuning = verdicts.filter((verdict) => !verdict.reply.heldOut);
const heldOut = verdicts.filter((verdict) => verdict.reply.heldOut);

describe('validator on the scripted model-reply corpus', () => {
  it('holds at least 300 replies over every channel, about 40% held out', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const channels = new Set(corpus.map((reply) => reply.channel));
    for (const channel of ['title', 'heading', 'table-header', 'bold-label', 'html', 'link', 'image', 'code-fence', 'hidden-character', 'meaning-flip', 'swapped-dose', 'empty', 'paraphrase', 'injected-content', 'rewrite', 'stream']) {
      expect(channels, channel).toContain(channel);
    }
    expect(heldOut.length / corpus.length).toBeGreaterThan(0.3);
    expect(heldOut.length / corpus.length).toBeLessThan(0.5);
    for (const part of [tuning, heldOut]) {
      expect(part.filter((verdict) => verdict.reply.expect === 'pass').length).toBeGreaterThanOrEqual(40);
      expect(part.filter((verdict) => verdict.reply.expect === 'fail').length).toBeGreaterThanOrEqual(60);
    }
  });

  it('reaches precision 0.97 and recall 1.00 on the tuning part', () => {
    const score = scoreVerdicts(tuning);
    console.info(formatScore('tuning part', score));
    for (const mistake of describeMistakes(tuning)) console.info(`  ${mistake}`);
    expect(score.recall).toBe(1);
    expect(score.precision).toBeGreaterThanOrEqual(0.97);
  });

  it('stays close on the held-out part', () => {
    const score = scoreVerdicts(heldOut);
    console.info(formatScore('held-out part', score));
    for (const mistake of describeMistakes(heldOut)) console.info(`  ${mistake}`);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('never releases the planted text of a streamed draft', () => {
    const streams = verdicts.filter((verdict) => verdict.reply.kind === 'stream');
    expect(streams.length).toBeGreaterThanOrEqual(20);
    expect(streams.filter((verdict) => verdict.leaked).map((verdict) => verdict.reply.file)).toEqual([]);
  });

  it.each(verdicts.filter((verdict) => verdict.rejected && verdict.reply.kind === 'draft' && verdict.reply.check).map((verdict) => [verdict.reply.file, verdict] as const))(
    'names the expected check for %s',
    (_file, verdict) => {
      expect(verdict.reply.kind === 'draft' && verdict.checks).toContain(verdict.reply.kind === 'draft' ? verdict.reply.check : undefined);
      for (const reason of verdict.reasons) expect(reason.length).toBeGreaterThan(0);
    },
  );
});
