// The answer pipeline with the bundled knowledge, rules and triage, and a model (faked with nock) that
// gives a second opinion on red flags: it may add an alert, never remove one, and its failure changes nothing.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/types.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { buildServices, createRedFlagClassifierFromSettings } from '../../src/services.js';
import { loadTriage, triageDirOf } from '../../src/triage/load-triage.js';
import type { Triage } from '../../src/triage/triage.js';
import { completion, MODEL_BASE_URL, scriptModel } from '../generation/fake-model.js';

let services: ReturnType<typeof buildServices>;
let withoutModel: ReturnType<typeof buildServices>;
let triage: Triage;

beforeAll(async () => {
  const { base } = await loadKnowledge('knowledge');
  triage = await loadTriage(triageDirOf('knowledge'), base);
  const settings = { apiKey: 'sk-test', baseURL: MODEL_BASE_URL, model: 'test-model', timeoutMs: 300, maxRetries: 1, promptsDir: 'prompts' };
  const classifyRedFlags = await createRedFlagClassifierFromSettings(settings, triage.concepts);
  services = buildServices(base, { triage, classifyRedFlags });
  withoutModel = buildServices(base, { triage });
});
afterEach(() => {
  nock.cleanAll();
});

const urgent = (answer: Answer) => answer.notices.filter((notice) => notice.kind === 'urgent').map((notice) => notice.text.replace(/ \[\d+\]+$/, '').replace(/(\[\d+\])+$/, '').trim());
const replyWith = (ids: string[]) => completion(JSON.stringify({ red_flags: ids }));

describe('red-flag second opinion in the answer', () => {
  it('adds an alert the deterministic triage missed, cited like the others', async () => {
    // Wording neither the phrases nor the learned reader know ("walk like I have had too much to drink" and
    // "my steps feel like someone else is doing them" are now caught).
    const message = 'since breakfast my knees have been taking orders from somebody else';
    expect(triage.triage(message, 'patient').filter((alert) => alert.level !== 'information')).toEqual([]);
    scriptModel([{ status: 200, body: replyWith(['spinal-cord-compression']) }]);
    const answer = await services.answer({ message, audience: 'patient' });
    expect(answer.notices[0]?.kind).toBe('urgent');
    expect(answer.notices[0]?.text).toMatch(/^Weak, heavy or clumsy legs.*Get help now.*\[\d+\]$/);
    expect(answer.references.some((reference) => reference.docId === 'patient-spinal-cord-warning-signs')).toBe(true);
  });

  it('removes nothing: a model that sees no red flag leaves the deterministic alert', async () => {
    scriptModel([{ status: 200, body: replyWith([]) }]);
    const answer = await services.answer({ message: "I can't walk since this morning", audience: 'patient' });
    expect(urgent(answer)).toHaveLength(1);
    expect(urgent(answer)[0]).toMatch(/pressure on the spinal cord/);
  });

  it.each([
    ['HTTP 500', { status: 500, body: { error: { message: 'provider detail' } } }],
    ['HTTP 429', { status: 429, body: { error: { message: 'rate limited' } } }],
    ['a malformed reply', { status: 200, body: completion('I think there might be a problem.') }],
    ['a timeout', { status: 200, body: replyWith(['fever-during-cancer-treatment']), delayMs: 1_000 }],
  ])('keeps exactly the deterministic alerts when the model fails with %s', async (_name, reply) => {
    const message = "I can't walk since this morning";
    const expected = urgent(await withoutModel.answer({ message, audience: 'patient' }));
    scriptModel([reply]);
    const answer = await services.answer({ message, audience: 'patient' });
    expect(urgent(answer)).toEqual(expected);
    expect(answer.notices.some((notice) => notice.kind === 'disclaimer')).toBe(true);
  });

  it('turns an information notice into an urgent one when the model sees a red flag', async () => {
    const message = 'Should I worry about cord compression?';
    const quiet = await withoutModel.answer({ message, audience: 'patient' });
    expect(quiet.notices.map((notice) => notice.kind)).toContain('warning-signs');
    expect(urgent(quiet)).toEqual([]);
    scriptModel([{ status: 200, body: replyWith(['spinal-cord-compression']) }]);
    const answer = await services.answer({ message, audience: 'patient' });
    expect(urgent(answer)).toHaveLength(1);
    expect(answer.notices.map((notice) => notice.kind)).not.toContain('warning-signs');
  });
});

describe('information notices', () => {
  it('shows a question about a red-flag topic as warning signs, not as urgent, and records no case fact', async () => {
    for (const message of ['What is cord compression?', 'Should I worry about cord compression?']) {
      const answer = await withoutModel.answer({ message, audience: 'patient' });
      expect(answer.notices.filter((notice) => notice.kind === 'urgent')).toEqual([]);
      const warning = answer.notices.find((notice) => notice.kind === 'warning-signs');
      expect(warning?.text).toMatch(/^Early signs of pressure on the spinal cord/);
      expect(answer.understoodFacts.join(' ')).not.toMatch(/Spinal cord compression/);
    }
  });
});
