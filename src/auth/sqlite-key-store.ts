import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ApiKey } from './api-key.js';
import type { KeyStore } from './key-store.js';

// One row per key; the record as JSON beside the columns that are looked up.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id          TEXT PRIMARY KEY,
  record      TEXT NOT NULL,
  revoked_at  TEXT
);
`;

/** API keys in a SQLite file: by default the conversations' file, in a table of their own. */
export function createSqliteKeyStore(options: { path: string }): KeyStore {
  if (options.path !== ':memory:') mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
  const database = new Database(options.path);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.exec(SCHEMA);
  const statements = {
    insert: database.prepare<[string, string]>('INSERT INTO api_keys (id, record) VALUES (?, ?)'),
    find: database.prepare<[string], { record: string; revoked_at: string | null }>('SELECT record, revoked_at FROM api_keys WHERE id = ?'),
    list: database.prepare<[], { record: string; revoked_at: string | null }>('SELECT record, revoked_at FROM api_keys ORDER BY rowid'),
    revoke: database.prepare<[string, string]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
  const toKey = (row: { record: string; revoked_at: string | null }): ApiKey => ({
    ...(JSON.parse(row.record) as ApiKey),
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
  });
  return {
    async add(key) {
      statements.insert.run(key.id, JSON.stringify(key));
    },
    async find(id) {
      const row = statements.find.get(id);
      return row ? toKey(row) : undefined;
    },
    async list() {
      return statements.list.all().map(toKey);
    },
    async revoke(id, at = new Date()) {
      return statements.revoke.run(at.toISOString(), id).changes > 0;
    },
    async close() {
      if (database.open) database.close();
    },
  };
}
