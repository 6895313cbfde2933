import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Audience, CaseInput, Conversation, ConversationTurn } from '../domain/types.js';
import {
  DEFAULT_PURGE_INTERVAL_MS,
  decodedTurnFields,
  jsonAnswerCodec,
  overCap,
  retentionMs,
  schedulePurge,
  type AnswerCodec,
  type ConversationStore,
  type NewTurn,
  type RetentionOptions,
} from './conversation-store.js';

export type SqliteStoreOptions = RetentionOptions & {
  /** The database file; its directory is created. */
  path: string;
  /** How often the write-ahead log is copied back into the database file (a passive checkpoint). */
  checkpointIntervalMs?: number;
};

const DEFAULT_CHECKPOINT_INTERVAL_MS = 2_000;

// Times are epoch milliseconds. `answer_json` holds the answer as the codec writes it (compact: ids
// and hashes, not quotes). Version 2 added the owner and a per-conversation expiry.
const SCHEMA_VERSION = 2;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversations (
  id          TEXT PRIMARY KEY,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  owner       TEXT NOT NULL DEFAULT '',
  expires_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_expires_at ON conversations (expires_at);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations (owner, updated_at);
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

// Version 1 kept neither owner nor expiry: its conversations belong to no key and expire on the
// retention in force when the file is first opened by this version.
const MIGRATE_FROM_1 = (keepMs: number) => `
ALTER TABLE conversations ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET expires_at = updated_at + ${Math.trunc(keepMs)};
DROP INDEX IF EXISTS conversations_updated_at;
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
type ConversationRow = { id: string; created_at: number; updated_at: number; expires_at: number; owner: string };

/** Conversations in a SQLite file (WAL): they survive restarts and can be read by several processes. */
export function createSqliteConversationStore(options: SqliteStoreOptions): ConversationStore {
  const now = options.now ?? Date.now;
  const codec = options.codec ?? jsonAnswerCodec;
  const keepMs = retentionMs(options.retentionDays);
  if (options.path !== ':memory:') mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });

  const database = new Database(options.path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Checkpoints run on a timer instead of inside whichever commit crosses the log's size limit, so no
  // request waits for one (see the checkpoint timer below).
  database.pragma('wal_autocheckpoint = 0');
  const version = database.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    database.close();
    throw new Error(`The conversation database ${options.path} has schema version ${version}; this build knows ${SCHEMA_VERSION}.`);
  }
  database.transaction(() => {
    if (version === 1) database.exec(MIGRATE_FROM_1(keepMs));
    database.exec(SCHEMA);
    database.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();

  const statements = {
    conversation: database.prepare<[string, number], ConversationRow>('SELECT id, created_at, updated_at, expires_at, owner FROM conversations WHERE id = ? AND expires_at > ?'),
    turns: database.prepare<[string], TurnRow>(
      'SELECT position, question, standalone_question, audience, answer_json, case_json, created_at FROM turns WHERE conversation_id = ? ORDER BY position',
    ),
    owner: database.prepare<[string], { owner: string }>('SELECT owner FROM conversations WHERE id = ?'),
    insertConversation: database.prepare<[string, number, number, string, number]>(
      'INSERT INTO conversations (id, created_at, updated_at, owner, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    touchConversation: database.prepare<[number, number, string]>('UPDATE conversations SET updated_at = ?, expires_at = ? WHERE id = ?'),
    insertTurn: database.prepare(
      `INSERT INTO turns (conversation_id, position, question, standalone_question, audience, answer_json, case_json, created_at)
       VALUES (@conversationId, (SELECT COALESCE(MAX(position), 0) + 1 FROM turns WHERE conversation_id = @conversationId),
               @question, @standaloneQuestion, @audience, @answer, @case, @createdAt)`,
    ),
    countOwned: database.prepare<[string, number], { n: number }>('SELECT COUNT(*) AS n FROM conversations WHERE owner = ? AND expires_at > ?'),
    evictOldest: database.prepare<[string, number]>(
      'DELETE FROM conversations WHERE id IN (SELECT id FROM conversations WHERE owner = ? ORDER BY updated_at LIMIT ?)',
    ),
    deleteIfExpired: database.prepare<[string, number]>('DELETE FROM conversations WHERE id = ? AND expires_at <= ?'),
    delete: database.prepare<[string]>('DELETE FROM conversations WHERE id = ?'),
    purge: database.prepare<[number]>('DELETE FROM conversations WHERE expires_at <= ?'),
  };

  // Conversations per owner, counted once and then kept up to date, so that the cap costs no
  // COUNT over an owner's conversations on every new one. Reset by purges.
  const owned = new Map<string, number>();
  const ownedCount = (owner: string) => {
    let count = owned.get(owner);
    if (count === undefined) {
      count = statements.countOwned.get(owner, now())?.n ?? 0;
      owned.set(owner, count);
    }
    return count;
  };

  const read = (id: string): Conversation | undefined => {
    const row = statements.conversation.get(id, now());
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
      turns: statements.turns.all(id).map((turn) => toTurn(turn, row.id, codec)),
      ...(row.owner ? { owner: row.owner } : {}),
    };
  };

  const append = database.transaction((id: string, turn: NewTurn): boolean => {
    const time = now();
    const owner = turn.owner ?? '';
    const expiresAt = time + retentionMs(turn.retentionDays ?? options.retentionDays);
    // An expired conversation is replaced, not extended: its old turns must not come back.
    if (statements.deleteIfExpired.run(id, time).changes > 0) owned.delete(owner);
    const existing = statements.owner.get(id);
    if (existing && existing.owner !== owner) return false;
    if (!existing) {
      if (turn.continuing) return false;
      const evict = overCap(ownedCount(owner), turn.maxConversations);
      if (evict > 0) owned.set(owner, ownedCount(owner) - statements.evictOldest.run(owner, evict).changes);
      statements.insertConversation.run(id, time, time, owner, expiresAt);
      owned.set(owner, ownedCount(owner) + 1);
    } else {
      statements.touchConversation.run(time, expiresAt, id);
    }
    statements.insertTurn.run({
      conversationId: id,
      question: turn.question,
      standaloneQuestion: turn.standaloneQuestion,
      audience: turn.audience,
      answer: codec.encode(turn.answer),
      case: turn.case ? JSON.stringify(turn.case) : null,
      createdAt: time,
    });
    return true;
  });

  // Group commit: the turns appended during one pass of the event loop are written in one transaction,
  // each in a savepoint of its own (a failing turn fails alone). Each caller is answered once the
  // transaction has committed, so an acknowledged turn is in the log and survives the process being killed.
  type Pending = { id: string; turn: NewTurn; resolve(saved: boolean): void; reject(error: unknown): void };
  let pending: Pending[] = [];
  const commitAll = database.transaction((batch: readonly Pending[]) =>
    batch.map((entry) => {
      try {
        return { saved: append(entry.id, entry.turn) };
      } catch (error) {
        return { error };
      }
    }),
  );
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    let outcomes: Array<{ saved?: boolean; error?: unknown }>;
    try {
      outcomes = commitAll(batch);
    } catch (error) {
      outcomes = batch.map(() => ({ error }));
    }
    // A rolled-back turn may have counted a conversation that was not written: count again when needed.
    if (outcomes.some((outcome) => 'error' in outcome)) owned.clear();
    batch.forEach((entry, index) => {
      const outcome = outcomes[index]!;
      if ('error' in outcome) entry.reject(outcome.error);
      else entry.resolve(outcome.saved ?? false);
    });
  };
  const checkpoint = setInterval(() => {
    try {
      if (database.open) database.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A checkpoint that cannot run now (another process holds the file) runs on the next tick.
    }
  }, options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS);
  checkpoint.unref();

  const purge = () => {
    flush();
    const removed = statements.purge.run(now()).changes;
    if (removed > 0) owned.clear();
    return removed;
  };
  const stopPurging = schedulePurge(purge, options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS);

  return {
    async get(id) {
      // Reads, deletes and purges see every turn appended before them, as if each had been written at once.
      flush();
      const conversation = read(id);
      // Expired but not yet purged: purge now, so that reading enforces retention too.
      if (!conversation) purge();
      return conversation;
    },
    appendTurn(id, turn) {
      return new Promise<boolean>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ id, turn, resolve, reject });
      });
    },
    async delete(id) {
      flush();
      const owner = statements.owner.get(id)?.owner;
      const deleted = statements.delete.run(id).changes > 0;
      if (deleted && owner !== undefined) owned.delete(owner);
      return deleted;
    },
    async purgeExpired() {
      return purge();
    },
    async close() {
      stopPurging();
      clearInterval(checkpoint);
      flush();
      if (database.open) database.close();
    },
  };
}

function toTurn(row: TurnRow, conversationId: string, codec: AnswerCodec): ConversationTurn {
  const audience = row.audience as Audience;
  return {
    position: row.position,
    question: row.question,
    standaloneQuestion: row.standalone_question,
    audience,
    ...(row.case_json ? { case: JSON.parse(row.case_json) as CaseInput } : {}),
    ...decodedTurnFields(codec, row.answer_json, { conversationId, question: row.question, standaloneQuestion: row.standalone_question, audience }),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
