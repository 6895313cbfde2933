import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCompactAnswerCodec } from '../src/conversation/compact-answer.js';
import { newConversationId } from '../src/conversation/conversation-store.js';
import { createSqliteConversationStore } from '../src/conversation/sqlite-conversation-store.js';
import type { Audience } from '../src/domain/types.js';
import { loadServices } from '../src/services.js';

export type TurnSize = { turns: number; medianBytes: number; p90Bytes: number; meanBytes: number; wholeAnswerMedianBytes: number; diskBytesPerTurn: number };

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

/**
 * What one conversation turn costs in storage: the gold questions answered with the bundled knowledge
 * (extractive), each stored as the server stores it; bytes of the stored turn (answer, question,
 * standalone question), and the SQLite file's growth per turn over `rounds` passes of the set.
 */
export async function measureTurnSize(rounds = 10): Promise<TurnSize> {
  const services = await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules' });
  const codec = createCompactAnswerCodec(() => services.knowledge);
  const questions = readFileSync('test/fixtures/questions.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { question: string; audience?: Audience });
  const answers = await Promise.all(questions.map((item) => services.answer({ message: item.question, ...(item.audience ? { audience: item.audience } : {}) })));
  const stored = answers.map((answer) => Buffer.byteLength(codec.encode(answer)) + Buffer.byteLength(answer.question) * 2);
  const whole = answers.map((answer) => Buffer.byteLength(JSON.stringify(answer)) + Buffer.byteLength(answer.question) * 2);

  const directory = mkdtempSync(path.join(os.tmpdir(), 'bench-turns-'));
  const file = path.join(directory, 'turns.sqlite');
  try {
    const store = createSqliteConversationStore({ path: file, retentionDays: 30, codec, purgeIntervalMs: 0 });
    const empty = statSync(file).size;
    for (let round = 0; round < rounds; round += 1) {
      for (const answer of answers) await store.appendTurn(newConversationId(), { question: answer.question, standaloneQuestion: answer.standaloneQuestion, audience: answer.audience, answer });
    }
    await store.close(); // checkpoints the WAL into the file
    const turns = rounds * answers.length;
    return { turns, medianBytes: percentile(stored, 50), p90Bytes: percentile(stored, 90), meanBytes: stored.reduce((sum, value) => sum + value, 0) / stored.length, wholeAnswerMedianBytes: percentile(whole, 50), diskBytesPerTurn: (statSync(file).size - empty) / turns };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureTurnSize());
