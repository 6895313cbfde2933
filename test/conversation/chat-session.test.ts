import { describe, expect, it } from 'vitest';
import { createChatSessions } from '../../src/conversation/chat-session.js';
import { createMemoryConversationStore } from '../../src/conversation/memory-conversation-store.js';
import { AppError } from '../../src/errors.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const services = await servicesFor(PACK_KNOWLEDGE);

describe('chat sessions', () => {
  it('starts a conversation without an id and refuses an unknown id with a 404', async () => {
    const sessions = createChatSessions(createMemoryConversationStore({ retentionDays: 1, purgeIntervalMs: 0 }));
    const started = await sessions.begin({ message: 'What is SINS?' });
    expect(started.history).toEqual([]);
    expect(started.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = sessions.begin({ message: 'and?', conversationId: 'f'.repeat(32) });
    await expect(unknown).rejects.toBeInstanceOf(AppError);
    await expect(unknown).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('carries the history, the audience and the case facts forward; a later message changes only what it states', async () => {
    const store = createMemoryConversationStore({ retentionDays: 1, purgeIntervalMs: 0 });
    const sessions = createChatSessions(store);
    const first = await sessions.begin({ message: 'zoledronic acid dose', audience: 'patient', case: { age: 70, creatinine: { value: 1.4, unit: 'mg/dL' } } });
    const firstAnswer = await services.answer(first);
    await sessions.record(first, firstAnswer);

    const second = await sessions.begin({ message: 'how often is it given?', conversationId: first.conversationId, case: { age: 71 } });
    expect(second.audience).toBe('patient');
    expect(second.case).toEqual({ age: 71, creatinine: { value: 1.4, unit: 'mg/dL' } });
    // The bottom line shown comes along without its citation markers: a later "it" may stand for what it named.
    const shownLead = firstAnswer.blocks.find((block) => block.kind === 'summary')!.text;
    const { answerLead, ...asked } = second.history[0]!;
    expect(asked).toEqual({ question: 'zoledronic acid dose', standaloneQuestion: 'zoledronic acid dose', audience: 'patient', case: { age: 70, creatinine: { value: 1.4, unit: 'mg/dL' } } });
    expect(answerLead).toBe(shownLead.replace(/\s*(?:\[\d+\])+/g, '').trim());
    expect(answerLead).not.toMatch(/\[\d+\]/);
    expect(second.history).toHaveLength(1);
    const answer = await services.answer(second);
    expect(answer.standaloneQuestion).toBe('How often is zoledronic acid given?');
    await sessions.record(second, answer);
    const saved = await store.get(first.conversationId);
    expect(saved?.turns.map((turn) => turn.case)).toEqual([
      { age: 70, creatinine: { value: 1.4, unit: 'mg/dL' } },
      { age: 71, creatinine: { value: 1.4, unit: 'mg/dL' } },
    ]);

    const third = await sessions.begin({ message: 'what about denosumab?', conversationId: first.conversationId, audience: 'professional' });
    expect(third.audience).toBe('professional');
    expect(third.case).toEqual({ age: 71, creatinine: { value: 1.4, unit: 'mg/dL' } });
    expect(third.history.map((turn) => turn.standaloneQuestion)).toEqual(['zoledronic acid dose', 'How often is zoledronic acid given?']);
  });
});
