import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Answer, Audience, CaseInput, Conversation, ConversationTurn } from '../domain/types.js';
import { DEFAULT_PURGE_INTERVAL_MS, retentionMs, schedulePurge, type ConversationStore, type NewTurn, type RetentionOptions } from './conversation-store.js';

export type SqliteStoreOptions = RetentionOptions & {
  /** The database file; its directory is created. */
  path: string;
};

// Times are epoch milliseconds. The answer JSON holds the references and findings; SQLite's JSON
// functions query them ("which conversations cited this passage") without a second copy to write.
const SCHEMA_VERSION = 1;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversations (
  id          TEXT PRIMARY KEY,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_updated_at ON conversations (updated_at);
CREATE TABLE IF NOT EXISTS turns (
  conversation_id      TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  position             INTEGER NOT NULL,
  question             TEXT NOT NULL,
  standalone_question  TEXT NOT NULL,
  audience             TEXT NOT NULL,
  answer_json          TEXT NOT NULL,
  case_json            TEXT,
  created_at           INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, position)
);
`;

type TurnRow = {
  position: number;
  question: string;
  standalone_question: string;
  audience: string;
  answer_json: string;
  case_json: string | null;
  created_at: number;
};
type ConversationRow = { id: string; created_at: number; updated_at: number };

/** Conversations in a SQLite file (WAL): they survive restarts and can be read by several processes. */
export function createSqliteConversationStore(options: SqliteStoreOptions): ConversationStore {
  const now = options.now ?? Date.now;
  const keepMs = retentionMs(options.retentionDays);
  if (options.path !== ':memory:') mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });

  const database = new Database(options.path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const version = database.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    database.close();
    throw new Error(`The conversation database ${options.path} has schema version ${version}; this build knows ${SCHEMA_VERSION}.`);
  }
  database.exec(SCHEMA);
  database.pragma(`user_version = ${SCHEMA_VERSION}`);

  const statements = {
    conversation: database.prepare<[string, number], ConversationRow>('SELECT id, created_at, updated_at FROM conversations WHERE id = ? AND updated_at > ?'),
    turns: database.prepare<[string], TurnRow>(
      'SELECT position, question, standalone_question, audience, answer_json, case_json, created_at FROM turns WHERE conversation_id = ? ORDER BY position',
    ),
    upsertConversation: database.prepare<[string, number, number]>(
      'INSERT INTO conversations (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at',
    ),
    insertTurn: database.prepare(
      `INSERT INTO turns (conversation_id, position, question, standalone_question, audience, answer_json, case_json, created_at)
       VALUES (@conversationId, (SELECT COALESCE(MAX(position), 0) + 1 FROM turns WHERE conversation_id = @conversationId),
               @question, @standaloneQuestion, @audience, @answer, @case, @createdAt)`,
    ),
    deleteIfExpired: database.prepare<[string, number]>('DELETE FROM conversations WHERE id = ? AND updated_at <= ?'),
    delete: database.prepare<[string]>('DELETE FROM conversations WHERE id = ?'),
    purge: database.prepare<[number]>('DELETE FROM conversations WHERE updated_at <= ?'),
  };

  const cutoff = () => now() - keepMs;

  const read = (id: string): Conversation | undefined => {
    const row = statements.conversation.get(id, cutoff());
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      expiresAt: new Date(row.updated_at + keepMs).toISOString(),
      turns: statements.turns.all(id).map(toTurn),
    };
  };

  const append = database.transaction((id: string, turn: NewTurn): void => {
    const time = now();
    // An expired conversation is replaced, not extended: its old turns must not come back.
    statements.deleteIfExpired.run(id, cutoff());
    statements.upsertConversation.run(id, time, time);
    statements.insertTurn.run({
      conversationId: id,
      question: turn.question,
      standaloneQuestion: turn.standaloneQuestion,
      audience: turn.audience,
      answer: JSON.stringify(turn.answer),
      case: turn.case ? JSON.stringify(turn.case) : null,
      createdAt: time,
    });
  });

  const purge = () => statements.purge.run(cutoff()).changes;
  const stopPurging = schedulePurge(purge, options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS);

  return {
    async get(id) {
      const conversation = read(id);
      // Expired but not yet purged: purge now, so that reading enforces retention too.
      if (!conversation) purge();
      return conversation;
    },
    async appendTurn(id, turn) {
      append(id, turn);
    },
    async delete(id) {
      return statements.delete.run(id).changes > 0;
    },
    async purgeExpired() {
      return purge();
    },
    async close() {
      stopPurging();
      if (database.open) database.close();
    },
  };
}

function toTurn(row: TurnRow): ConversationTurn {
  return {
    position: row.position,
    question: row.question,
    standaloneQuestion: row.standalone_question,
    audience: row.audience as Audience,
    ...(row.case_json ? { case: JSON.parse(row.case_json) as CaseInput } : {}),
    answer: JSON.parse(row.answer_json) as Answer,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
