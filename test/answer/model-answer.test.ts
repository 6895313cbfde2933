import { afterEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { createAnswerer } from '../../src/answer/answer-question.js';
import type { Answer } from '../../src/domain/types.js';
import type { PhraseInput, Phraser } from '../../src/generation/phraser.js';
import { splitSentences } from '../../src/text/sentences.js';
import { buildServices, createPhraserFromSettings } from '../../src/services.js';
import { completion, MODEL_BASE_URL, scriptModel } from '../generation/fake-model.js';
import { markerNumbers } from '../helpers/answer-checks.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer } from '../helpers/http-server.js';

const fixture = await servicesFor();
afterEach(() => nock.cleanAll());

/** A cited answer built from the offered sources themselves: quotes source `n`, a marker on every sentence. */
function quote(input: PhraseInput, n: number): string {
  const text = input.sources.find((source) => source.n === n)!.text;
  return splitSentences(text).map((sentence) => `${sentence} [${n}]`).join(' ');
}
function goodReply(input: PhraseInput, pick: number[]): string {
  return `# Answer\n\n${quote(input, pick[0]!)}\n\n## Details\n\n${pick.map((n) => `- ${quote(input, n)}`).join('\n')}\n`;
}
const lastAndFirst = (input: PhraseInput) => [input.sources.length, 1];
const BAD_REPLY = '# Answer\n\nDenosumab 240 mg is given every week. [1]\n\nThis sentence has no citation at all.\n';

function scriptedPhraser(replies: Array<(input: PhraseInput) => string>): Phraser & { calls: number; inputs: PhraseInput[] } {
  const phraser = {
    calls: 0,
    inputs: [] as PhraseInput[],
    async draft(input: PhraseInput) {
      return next(input);
    },
    async repair(input: PhraseInput) {
      return next(input);
    },
    async rewrite() {
      throw new Error('not used');
    },
  };
  function next(input: PhraseInput): string {
    phraser.inputs.push(input);
    const reply = replies[phraser.calls];
    phraser.calls += 1;
    if (!reply) throw new Error('no more scripted replies');
    return reply(input);
  }
  return phraser;
}

function answererWith(phraser: Phraser) {
  return createAnswerer({ knowledge: fixture.knowledge, index: fixture.index, analyzer: fixture.analyzer, newConversationId: () => 'conversation-model-test', phraser }).answer;
}

function expectReferencesMatchMarkers(answer: Answer): void {
  const used = [...new Set(markerNumbers(answer.markdown))].sort((a, b) => a - b);
  expect(used).toEqual(answer.references.map((reference) => reference.n));
  expect(markerNumbers(answer.markdown)[0]).toBe(1);
}

describe('model phrasing in the pipeline', () => {
  it('delivers a draft that passes validation, renumbered over the sources it cites', async () => {
    const phraser = scriptedPhraser([(input) => goodReply(input, lastAndFirst(input))]);
    const answer = await answererWith(phraser)({ message: 'bone-modifying agent dose, schedule and who should receive one' });
    const offered = phraser.inputs[0]!.sources;
    expect(offered.length).toBeGreaterThan(1);
    expect(answer).toMatchObject({ mode: 'model', validation: { status: 'passed', attempts: 1, failures: [] } });
    // The title is built from the question; the model's "# Answer" is not delivered.
    expect(answer.title).toBe('Bone-modifying agent dose, schedule and who should receive one');
    expect(answer.markdown.startsWith(`# ${answer.title}\n`)).toBe(true);
    expect(answer.markdown).not.toContain('# Answer');
    expectReferencesMatchMarkers(answer);
    // The last offered source became [1]: the first reference quotes what the model quoted first.
    expect(answer.references[0]?.quote).toBe(offered[offered.length - 1]!.text);
    expect(answer.references).toHaveLength(2);
  });

  it('repairs a failing draft and reports it', async () => {
    const phraser = scriptedPhraser([() => BAD_REPLY, (input) => goodReply(input, [1])]);
    const answer = await answererWith(phraser)({ message: 'denosumab dose and schedule' });
    expect(answer).toMatchObject({ mode: 'model', validation: { status: 'repaired', attempts: 2 } });
    expect(phraser.calls).toBe(2);
    expectReferencesMatchMarkers(answer);
  });

  it('falls back to the extractive answer after two failed repairs, calling the model at most three times', async () => {
    const phraser = scriptedPhraser([() => BAD_REPLY, () => BAD_REPLY, () => BAD_REPLY, () => BAD_REPLY]);
    const answer = await answererWith(phraser)({ message: 'denosumab dose and schedule' });
    expect(phraser.calls).toBe(3);
    expect(answer.mode).toBe('extractive');
    expect(answer.validation.status).toBe('fallback');
    expect(answer.validation.failures.length).toBeGreaterThan(0);
    expect(answer.markdown).not.toContain('240 mg');
    expect(answer.markdown).not.toContain('no citation');
    expectReferencesMatchMarkers(answer);
  });

  it('falls back when the model fails, and never calls it for an out-of-scope question', async () => {
    const failing = scriptedPhraser([]);
    const answer = await answererWith(failing)({ message: 'denosumab dose and schedule' });
    expect(answer).toMatchObject({ mode: 'extractive', validation: { status: 'fallback', attempts: 1 } });
    const outOfScope = await answererWith(failing)({ message: 'best inhaler for asthma' });
    expect(failing.calls).toBe(1);
    expect(outOfScope.notices.some((notice) => notice.kind === 'out-of-scope')).toBe(true);
  });
});

describe('follow-up rewriting by the model', () => {
  it('sends the earlier standalone questions and uses the rewrite, and falls back to the deterministic one on failure', async () => {
    const seen: string[][] = [];
    const phraser = {
      ...scriptedPhraser([(input: PhraseInput) => goodReply(input, [1]), (input: PhraseInput) => goodReply(input, [1])]),
      async rewrite(input: { history: ReadonlyArray<{ question: string }>; message: string }) {
        seen.push(input.history.map((turn) => turn.question));
        return 'How often is denosumab given for bone metastases?';
      },
    };
    const services = buildServices(fixture.knowledge, { phraser });
    const history = [{ question: 'denosumab?', standaloneQuestion: 'What is the denosumab dose for bone metastases?' }];
    const answer = await services.answer({ message: 'and how often?', history });
    expect(seen).toEqual([['What is the denosumab dose for bone metastases?']]);
    expect(answer.standaloneQuestion).toBe('How often is denosumab given for bone metastases?');

    const failing = buildServices(fixture.knowledge, { phraser: { ...phraser, rewrite: async () => Promise.reject(new Error('model down')) } });
    const fallback = await failing.answer({ message: 'and how often?', history });
    expect(fallback.standaloneQuestion.toLowerCase()).toContain('denosumab');
  });
});

describe('model phrasing over HTTP with the OpenAI-compatible client faked by nock', () => {
  it('sends passages and audience wording, and returns an answer whose references match its markers', async () => {
    const pack = await servicesFor(PACK_KNOWLEDGE);
    const phraser = await createPhraserFromSettings({ apiKey: 'sk-test', baseURL: MODEL_BASE_URL, model: 'test-model', timeoutMs: 2000, maxRetries: 0, promptsDir: 'prompts' });
    const services = buildServices(pack.knowledge, { phraser });
    // The reply quotes the first offered passage, found in the request nock receives.
    let offered = '';
    nock('http://model.test')
      .post('/v1/chat/completions', (body: { messages: Array<{ content: string }> }) => {
        offered = body.messages.map((message) => message.content).join('\n');
        return true;
      })
      .reply(200, () => {
        const first = /\[1\] \(guideline passage\)[^\n]*\n([^\n]+)/.exec(offered)?.[1] ?? '';
        return completion(`# Denosumab\n\n${first.replace(/\.$/, '')}. [1]\n`);
      });
    const server = await startServer(services);
    try {
      const response = await fetch(`${server.url}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'How is denosumab given?', audience: 'patient' }),
      });
      const answer = (await response.json()) as Answer;
      expect(offered).toContain('<sources>');
      expect(offered.toLowerCase()).toContain('patient');
      expect(answer.mode).toBe('model');
      expectReferencesMatchMarkers(answer);
      expect(answer.references[0]?.quote.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('answers extractively, not with an error, when the provider returns 500', async () => {
    const pack = await servicesFor(PACK_KNOWLEDGE);
    const phraser = await createPhraserFromSettings({ apiKey: 'sk-test', baseURL: MODEL_BASE_URL, model: 'test-model', timeoutMs: 2000, maxRetries: 0, promptsDir: 'prompts' });
    const services = buildServices(pack.knowledge, { phraser });
    scriptModel([{ status: 500, body: { error: { message: 'provider secret detail' } } }]);
    const server = await startServer(services);
    try {
      const response = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'How is denosumab given?' }) });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain('provider secret detail');
      expect(JSON.parse(text)).toMatchObject({ mode: 'extractive', validation: { status: 'fallback' } });
    } finally {
      await server.close();
    }
  });
});
