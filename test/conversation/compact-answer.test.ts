import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCompactAnswerCodec } from '../../src/conversation/compact-answer.js';
import { newConversationId } from '../../src/conversation/conversation-store.js';
import { createSqliteConversationStore } from '../../src/conversation/sqlite-conversation-store.js';
import type { Answer, Failure, KnowledgeBase } from '../../src/domain/types.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const services = await servicesFor(PACK_KNOWLEDGE);
const knowledge = services.knowledge;
const codec = createCompactAnswerCodec(() => knowledge);
const directory = mkdtempSync(path.join(os.tmpdir(), 'guideline-chat-compact-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const context = (answer: Answer) => ({ conversationId: answer.conversationId, question: answer.question, standaloneQuestion: answer.standaloneQuestion, audience: answer.audience });
const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

const QUESTIONS = [
  'What is the zoledronic acid dose in renal impairment?',
  'How is denosumab given for bone metastases?',
  '68-year-old woman, 70 kg, creatinine 1.6 mg/dL, bone metastases from ER+ HER2- breast cancer: which bone agent and dose?',
  'I have new leg weakness and numbness, what should I do?',
  'What is the treatment of lung cancer?',
];

describe('compact stored answers', () => {
  it.each(QUESTIONS)('read back exactly as delivered: "%s"', async (question) => {
    for (const audience of ['professional', 'patient'] as const) {
      const answer = await services.answer({ message: question, audience });
      const stored = codec.encode(answer);
      const { answer: readBack, changedPassages } = codec.decode(stored, context(answer));
      expect(readBack).toEqual(answer);
      expect(changedPassages ?? []).toEqual([]);
    }
  });

  it('keep passage ids and hashes, not quotes, and stay small (a typical answer within 2 KB)', async () => {
    const answer = await services.answer({ message: 'What is the zoledronic acid dose in renal impairment?' });
    const stored = codec.encode(answer);
    for (const reference of answer.references.filter((item) => item.type !== 'rule-finding')) {
      for (const passage of reference.passages) expect(stored).not.toContain(passage.quote.slice(0, 60));
    }
    expect(stored).not.toContain(answer.markdown);
    expect(byteLength(stored)).toBeLessThan(byteLength(JSON.stringify(answer)) / 2);
    expect(byteLength(stored)).toBeLessThanOrEqual(2048);
  });

  it('keep no rejected model text: validation failures are check and reason only', () => {
    const answer: Answer = {
      conversationId: 'c',
      question: 'q',
      standaloneQuestion: 'q',
      audience: 'professional',
      title: 'Q',
      blocks: [],
      markdown: '',
      references: [],
      findings: [],
      understood: { intent: 'general', focus: [] },
      understoodFacts: [],
      notices: [],
      followUps: [],
      mode: 'extractive',
      // A failure as the validator reports it inside the service, with the rejected claim beside it.
      validation: { status: 'fallback', attempts: 3, claims: 0, failures: [{ claim: 'Denosumab cures cancer [1].', check: 'support', reason: 'not supported by [1]' } as Failure] },
    };
    const stored = codec.encode(answer);
    expect(stored).not.toContain('cures');
    expect(codec.decode(stored, context(answer)).answer.validation.failures).toEqual([{ check: 'support', reason: 'not supported by [1]' }]);
  });

  it('say so when a quoted passage has changed or is gone since the answer, instead of passing today\'s text off as the quote', async () => {
    const answer = await services.answer({ message: 'How is denosumab given for bone metastases?' });
    const stored = codec.encode(answer);
    const quoted = answer.references.filter((reference) => reference.type !== 'rule-finding').flatMap((reference) => reference.passages.map((passage) => ({ n: reference.n, ...passage })));
    expect(quoted.length).toBeGreaterThan(1);
    const [changed, removed] = quoted as [(typeof quoted)[number], (typeof quoted)[number]];
    const edited: KnowledgeBase = {
      ...knowledge,
      passages: knowledge.passages
        .filter((passage) => passage.id !== removed.id)
        .map((passage) => (passage.id === changed.id ? { ...passage, text: `${passage.text} Edited.` } : passage)),
    };
    const later = createCompactAnswerCodec(() => edited).decode(stored, context(answer));
    expect(later.changedPassages).toHaveLength(2);
    expect(later.changedPassages).toEqual(expect.arrayContaining([{ id: changed.id, change: 'changed' }, { id: removed.id, change: 'removed' }]));
    const removedNow = later.answer.references.flatMap((reference) => reference.passages).find((passage) => passage.id === removed.id);
    expect(removedNow?.quote).toBe('');
    // A sentence quoted from a changed passage is not replaced by today's text as if it had been said.
    const quotes = (block: { text: string }, text: string) => text.includes(block.text.replace(/ \[\d+\]$/, ''));
    const fromChanged = answer.blocks.filter((block) => block.citations.length === 1 && quotes(block, changed.quote));
    expect(fromChanged.length).toBeGreaterThan(0);
    for (const block of fromChanged) {
      const index = answer.blocks.indexOf(block);
      expect(later.answer.blocks[index]?.text).toBe(`This sentence quoted a passage that has changed or been removed since the answer was given; reference [${changed.n}] shows what it says now. [${changed.n}]`);
    }
    // Sentences quoted from passages that did not change read back exactly.
    const untouched = answer.blocks.filter((block) => !quotes(block, changed.quote) && !quotes(block, removed.quote));
    expect(later.answer.blocks).toEqual(expect.arrayContaining(untouched));
  });

  it('cannot be read before the knowledge is loaded (503), and reads whole answers stored by earlier versions as they are', async () => {
    const answer = await services.answer({ message: 'How is denosumab given for bone metastases?' });
    const starting = createCompactAnswerCodec(() => undefined);
    expect(() => starting.decode(codec.encode(answer), context(answer))).toThrow(/starting/);
    expect(starting.decode(JSON.stringify(answer), context(answer)).answer).toEqual(answer);
  });
});

describe('the SQLite store with compact answers', () => {
  it('upgrades a version 1 file: its conversations stay readable, owned by no key, with an expiry', async () => {
    const file = path.join(directory, 'v1.sqlite');
    const answer = await services.answer({ message: 'How is denosumab given for bone metastases?' });
    const database = new Database(file);
    database.exec(`
      CREATE TABLE conversations (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE INDEX conversations_updated_at ON conversations (updated_at);
      CREATE TABLE turns (conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE, position INTEGER NOT NULL,
        question TEXT NOT NULL, standalone_question TEXT NOT NULL, audience TEXT NOT NULL, answer_json TEXT NOT NULL, case_json TEXT,
        created_at INTEGER NOT NULL, PRIMARY KEY (conversation_id, position));
    `);
    const id = newConversationId();
    const time = Date.now();
    database.prepare('INSERT INTO conversations VALUES (?, ?, ?)').run(id, time, time);
    database.prepare('INSERT INTO turns VALUES (?, 1, ?, ?, ?, ?, NULL, ?)').run(id, answer.question, answer.standaloneQuestion, answer.audience, JSON.stringify({ ...answer, conversationId: id }), time);
    database.pragma('user_version = 1');
    database.close();

    const store = createSqliteConversationStore({ path: file, retentionDays: 30, codec });
    try {
      const conversation = await store.get(id);
      expect(conversation?.turns[0]?.answer).toEqual({ ...answer, conversationId: id });
      expect(conversation).not.toHaveProperty('owner');
      expect(Date.parse(conversation!.expiresAt) - time).toBe(30 * 24 * 60 * 60 * 1000);
      await store.appendTurn(id, { question: 'next', standaloneQuestion: 'next', audience: 'professional', answer: { ...answer, conversationId: id }, continuing: true });
      expect((await store.get(id))?.turns).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
