import type { ApiKey } from './api-key.js';

/** Where API keys live: SQLite on one machine, Redis when instances share it. */
export interface KeyStore {
  add(key: ApiKey): Promise<void>;
  find(id: string): Promise<ApiKey | undefined>;
  list(): Promise<ApiKey[]>;
  /** True when a key that was active is now revoked. */
  revoke(id: string, at?: Date): Promise<boolean>;
  close(): Promise<void>;
}
