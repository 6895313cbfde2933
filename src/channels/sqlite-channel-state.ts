import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_PURGE_INTERVAL_MS, schedulePurge } from '../conversation/conversation-store.js';
import type { Audience } from '../domain/types.js';
import { newLinkId, type ChannelState } from './channel-state.js';

export type SqliteChannelStateOptions = {
  /** The database file: the conversations' file works, these tables sit beside theirs. */
  path: string;
  retentionMs: number;
  purgeIntervalMs?: number;
  now?: () => number;
  newId?: () => string;
};

// Times are epoch milliseconds. A link lives while its conversation has been used (by a thread or a
// new link) within the retention period, as in the memory implementation.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS channel_threads (
  key              TEXT PRIMARY KEY,
  conversation_id  TEXT,
  audience         TEXT,
  introduced       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS channel_conversations (
  conversation_id  TEXT PRIMARY KEY,
  used_at          INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS answer_links (
  id               TEXT PRIMARY KEY,
  conversation_id  TEXT NOT NULL,
  position         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS answer_links_conversation ON answer_links (conversation_id);
`;

type ThreadRow = { conversation_id: string | null; audience: string | null; introduced: number };
type LinkRow = { conversation_id: string; position: number };

/** Thread state and answer links in SQLite, so that follow-ups and links survive a restart. */
export function createSqliteChannelState(options: SqliteChannelStateOptions): ChannelState {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? newLinkId;
  if (options.path !== ':memory:') mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
  const database = new Database(options.path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.exec(SCHEMA);

  const statements = {
    thread: database.prepare<[string, number], ThreadRow>('SELECT conversation_id, audience, introduced FROM channel_threads WHERE key = ? AND updated_at > ?'),
    saveThread: database.prepare(
      `INSERT INTO channel_threads (key, conversation_id, audience, introduced, updated_at) VALUES (@key, @conversationId, @audience, @introduced, @time)
       ON CONFLICT (key) DO UPDATE SET conversation_id = excluded.conversation_id, audience = excluded.audience, introduced = excluded.introduced, updated_at = excluded.updated_at`,
    ),
    touch: database.prepare<[string, number]>(
      'INSERT INTO channel_conversations (conversation_id, used_at) VALUES (?, ?) ON CONFLICT (conversation_id) DO UPDATE SET used_at = excluded.used_at',
    ),
    insertLink: database.prepare<[string, string, number]>('INSERT INTO answer_links (id, conversation_id, position) VALUES (?, ?, ?)'),
    link: database.prepare<[string, number], LinkRow>(
      `SELECT l.conversation_id, l.position FROM answer_links l JOIN channel_conversations c ON c.conversation_id = l.conversation_id
       WHERE l.id = ? AND c.used_at > ?`,
    ),
    purgeThreads: database.prepare<[number]>('DELETE FROM channel_threads WHERE updated_at <= ?'),
    purgeConversations: database.prepare<[number]>('DELETE FROM channel_conversations WHERE used_at <= ?'),
    purgeLinks: database.prepare('DELETE FROM answer_links WHERE conversation_id NOT IN (SELECT conversation_id FROM channel_conversations)'),
  };
  const cutoff = () => now() - options.retentionMs;

  const saveThread = database.transaction((key: string, state: { conversationId?: string; audience?: Audience; introduced?: boolean }) => {
    const time = now();
    statements.saveThread.run({ key, conversationId: state.conversationId ?? null, audience: state.audience ?? null, introduced: state.introduced ? 1 : 0, time });
    if (state.conversationId) statements.touch.run(state.conversationId, time);
  });
  const createLink = database.transaction((id: string, conversationId: string, position: number) => {
    statements.insertLink.run(id, conversationId, position);
    statements.touch.run(conversationId, now());
  });
  const purge = database.transaction(() => {
    const time = cutoff();
    statements.purgeThreads.run(time);
    statements.purgeConversations.run(time);
    statements.purgeLinks.run();
  });
  const stopPurging = schedulePurge(purge, options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS);

  return {
    async thread(key) {
      const row = statements.thread.get(key, cutoff());
      if (!row) return undefined;
      return {
        ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
        ...(row.audience ? { audience: row.audience as Audience } : {}),
        ...(row.introduced ? { introduced: true } : {}),
      };
    },
    async saveThread(key, state) {
      saveThread(key, state);
    },
    async createLink(target) {
      const id = newId();
      createLink(id, target.conversationId, target.position);
      return id;
    },
    async resolveLink(id) {
      const row = statements.link.get(id, cutoff());
      return row ? { conversationId: row.conversation_id, position: row.position } : undefined;
    },
    async close() {
      stopPurging();
      if (database.open) database.close();
    },
  };
}
