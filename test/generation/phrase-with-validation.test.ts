import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createModelPhraser, createOpenAIClient } from '../../src/generation/model-phraser.js';
import { phraseWithValidation } from '../../src/generation/phrase-with-validation.js';
import type { PhraseInput, Phraser } from '../../src/generation/phraser.js';
import { loadPrompts, type Prompts } from '../../src/generation/prompts.js';
import { validateDraft } from '../../src/validation/validate-draft.js';
import { isDraft, loadReplyCorpus } from '../validation/reply-corpus.js';
import { testAnalyzer } from '../validation/test-analyzer.js';
import { completion, MODEL_BASE_URL, scriptModel } from './fake-model.js';

const corpus = loadReplyCorpus().filter(isDraft);
const fixture = (name: string) => {
  const found = corpus.find((reply) => reply.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};
const good = fixture('bma-full-answer-page');
const bad = fixture('altered-dose'); // same sources as `good`
const input: PhraseInput = { question: 'Which bone-modifying agents and doses?', audience: 'professional', sources: good.sources, findings: good.findings };
const analyzer = testAnalyzer();
const validate = (markdown: string) => validateDraft(markdown, { sources: input.sources, findings: input.findings, analyzer, audience: input.audience });

/** A phraser that replays scripted drafts (or throws) and counts its calls. */
function scriptedPhraser(replies: Array<string | Error>) {
  const calls: Array<{ kind: 'draft' | 'repair'; failures: number }> = [];
  const next = (kind: 'draft' | 'repair', failures: number) => {
    calls.push({ kind, failures });
    const reply = replies[calls.length - 1] ?? replies[replies.length - 1]!;
    return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
  };
  const phraser: Phraser = {
    draft: () => next('draft', 0),
    repair: (repairInput) => next('repair', repairInput.failures.length),
    rewrite: () => Promise.resolve(''),
  };
  return { phraser, calls };
}

describe('phraseWithValidation with a scripted phraser', () => {
  it('delivers a first draft that passes', async () => {
    const { phraser, calls } = scriptedPhraser([good.reply]);
    const outcome = await phraseWithValidation({ phraser, validate, input });
    expect(outcome).toMatchObject({ status: 'passed', markdown: good.reply, attempts: 1, failures: [] });
    expect(outcome.claims).toBeGreaterThan(3);
    expect(calls).toEqual([{ kind: 'draft', failures: 0 }]);
  });

  it('repairs a bad first draft (bad → good = repaired), sending the failures back', async () => {
    const { phraser, calls } = scriptedPhraser([bad.reply, good.reply]);
    const outcome = await phraseWithValidation({ phraser, validate, input });
    expect(outcome).toMatchObject({ status: 'repaired', markdown: good.reply, attempts: 2, failures: [] });
    expect(calls.map((call) => call.kind)).toEqual(['draft', 'repair']);
    expect(calls[1]!.failures).toBeGreaterThan(0);
  });

  it('falls back after the repairs run out (bad, bad, bad), with no markdown', async () => {
    const { phraser, calls } = scriptedPhraser([bad.reply, bad.reply, bad.reply, good.reply]);
    const outcome = await phraseWithValidation({ phraser, validate, input });
    expect(outcome.status).toBe('fallback');
    expect(outcome.markdown).toBeUndefined();
    expect(outcome.attempts).toBe(3);
    expect(outcome.failures.map((failure) => failure.check)).toContain('number');
    expect(calls).toHaveLength(3);
  });

  it.each([0, 1, 2, 3])('calls the phraser at most 1 + %i times', async (maxRepairs) => {
    const { phraser, calls } = scriptedPhraser([bad.reply]);
    const outcome = await phraseWithValidation({ phraser, validate, input, maxRepairs });
    expect(outcome.status).toBe('fallback');
    expect(calls).toHaveLength(1 + maxRepairs);
    expect(outcome.attempts).toBe(1 + maxRepairs);
  });

  it('falls back when the phraser throws, on the draft or on a repair', async () => {
    const failing = scriptedPhraser([new AppError('model_unavailable', 'The model did not answer in time.')]);
    const first = await phraseWithValidation({ phraser: failing.phraser, validate, input });
    expect(first).toMatchObject({ status: 'fallback', attempts: 1, claims: 0, failures: [] });
    expect(first.error?.code).toBe('model_unavailable');

    const later = scriptedPhraser([bad.reply, new TypeError('boom')]);
    const second = await phraseWithValidation({ phraser: later.phraser, validate, input });
    expect(second.status).toBe('fallback');
    expect(second.attempts).toBe(2);
    expect(second.error?.code).toBe('model_unavailable');
    expect(second.failures.length).toBeGreaterThan(0);
  });

  it('checks and delivers the normalised draft, and tells only onRejected what was rejected', async () => {
    const rejected: Array<{ attempt: number; claims: string[] }> = [];
    const hidden = `\uFEFF${good.reply.replace('Denosumab', 'Deno\u200Bsumab')}`;
    const { phraser } = scriptedPhraser([bad.reply, hidden]);
    const outcome = await phraseWithValidation({
      phraser,
      validate,
      input,
      onRejected: ({ attempt, failures }) => void rejected.push({ attempt, claims: failures.map((failure) => failure.claim) }),
    });
    expect(outcome).toMatchObject({ status: 'repaired', markdown: good.reply });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.attempt).toBe(1);
    expect(rejected[0]!.claims.join(' ')).not.toBe('');

    const failed = await phraseWithValidation({ phraser: scriptedPhraser([bad.reply]).phraser, validate, input, maxRepairs: 0 });
    for (const failure of failed.failures) expect(Object.keys(failure).sort()).toEqual(['check', 'reason']);
  });

  it('does not call the phraser once the request is cancelled', async () => {
    const { phraser, calls } = scriptedPhraser([good.reply]);
    const controller = new AbortController();
    controller.abort();
    const outcome = await phraseWithValidation({ phraser, validate, input, signal: controller.signal });
    expect(outcome.status).toBe('fallback');
    expect(calls).toHaveLength(0);
  });
});

describe('phraseWithValidation with the model phraser over HTTP (nock)', () => {
  let prompts: Prompts;
  beforeAll(async () => {
    prompts = await loadPrompts(new URL('../../prompts/', import.meta.url).pathname);
  });
  afterEach(() => nock.cleanAll());

  const modelPhraser = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
    createModelPhraser({
      client: createOpenAIClient({ apiKey: 'sk-test', baseURL: MODEL_BASE_URL, timeoutMs: options.timeoutMs ?? 2_000, maxRetries: options.maxRetries ?? 0 }),
      model: 'test-model',
      prompts,
      maxTokens: 900,
      temperature: 0.1,
    });

  it('repairs: the second request carries the failed draft and the failures', async () => {
    const { requests, scope } = scriptModel([
      { status: 200, body: completion(bad.reply) },
      { status: 200, body: completion(good.reply) },
    ]);
    const outcome = await phraseWithValidation({ phraser: modelPhraser(), validate, input });
    expect(outcome.status).toBe('repaired');
    expect(requests).toHaveLength(2);
    expect(requests[1]!.messages[1]!.content).toContain('Denosumab 60 mg');
    expect(requests[1]!.messages[1]!.content).toContain('[number]');
    expect(scope.isDone()).toBe(true);
  });

  it('falls back after 1 + maxRepairs bad replies and makes no further request', async () => {
    const { requests } = scriptModel([
      { status: 200, body: completion(bad.reply) },
      { status: 200, body: completion(bad.reply) },
      { status: 200, body: completion(bad.reply) },
      { status: 200, body: completion(good.reply) },
    ]);
    const outcome = await phraseWithValidation({ phraser: modelPhraser(), validate, input, maxRepairs: 2 });
    expect(outcome.status).toBe('fallback');
    expect(requests).toHaveLength(3);
  });

  it.each([
    ['HTTP 500', [{ status: 500, body: { error: { message: 'internal' } } }]],
    ['HTTP 429', [{ status: 429, body: { error: { message: 'rate limited' } } }]],
    ['HTTP 500 after a retry', [{ status: 500, body: {} }, { status: 502, body: {} }]],
  ])('falls back on %s', async (_label, replies) => {
    const { requests } = scriptModel(replies);
    const outcome = await phraseWithValidation({ phraser: modelPhraser({ maxRetries: replies.length - 1 }), validate, input });
    expect(outcome.status).toBe('fallback');
    expect(outcome.error?.code).toBe('model_unavailable');
    expect(outcome.attempts).toBe(1);
    expect(requests).toHaveLength(replies.length);
  });

  it('falls back on a timeout', async () => {
    scriptModel([{ status: 200, body: completion(good.reply), delayMs: 500 }]);
    const outcome = await phraseWithValidation({ phraser: modelPhraser({ timeoutMs: 50 }), validate, input });
    expect(outcome.status).toBe('fallback');
    expect(outcome.error?.message).toContain('in time');
  });

  it('falls back on an empty reply', async () => {
    scriptModel([{ status: 200, body: completion('') }]);
    const outcome = await phraseWithValidation({ phraser: modelPhraser(), validate, input });
    expect(outcome.status).toBe('fallback');
  });
});
