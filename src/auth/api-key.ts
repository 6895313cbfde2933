import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Audience } from '../domain/types.js';

/**
 * An integrator's key. Secret keys are for servers; publishable keys go into web pages (the chat
 * widget), so they are bound to the origins of those pages and can only chat. Only a hash of the
 * key is stored; the key itself is shown once, when it is created.
 */
export type ApiKey = {
  id: string;
  name: string;
  kind: 'secret' | 'publishable';
  /** Operators may also list and revoke keys and read /metrics. */
  role: 'client' | 'operator';
  hash: string;
  origins: string[];
  /** Answers are worded for this audience unless a request says otherwise. */
  audience?: Audience;
  rateLimitPerMinute?: number;
  maxConcurrent?: number;
  maxConversations?: number;
  retentionDays?: number;
  createdAt: string;
  revokedAt?: string;
};

/** What an operator may see of a key: everything but its hash. */
export type ApiKeyView = Omit<ApiKey, 'hash'>;

const PREFIX = { secret: 'gcsk_', publishable: 'gcpk_' } as const;
const ID_CHARS = 12;
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

function randomId(): string {
  const bytes = randomBytes(ID_CHARS);
  return Array.from(bytes, (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

export function hashKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new key: the token to hand over once, and the record to store (hash only). */
export function generateKey(fields: Omit<ApiKey, 'id' | 'hash' | 'createdAt' | 'revokedAt'>, now = new Date()): { token: string; key: ApiKey } {
  const id = randomId();
  // 256 random bits: a fast hash is enough, there is nothing to guess from it.
  const token = `${PREFIX[fields.kind]}${id}_${randomBytes(32).toString('base64url')}`;
  return { token, key: { ...fields, id, hash: hashKey(token), createdAt: now.toISOString() } };
}

/** The key id a token claims to be, or undefined when it is not shaped like one of ours. */
export function keyIdOf(token: string): string | undefined {
  const match = /^gc[sp]k_([a-z2-9]{12})_[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1];
}

/** Whether the token is this key's, compared in constant time. */
export function tokenMatches(token: string, key: ApiKey): boolean {
  const expected = Buffer.from(key.hash, 'hex');
  const actual = Buffer.from(hashKey(token), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) && token.startsWith(PREFIX[key.kind]);
}

export function viewOf(key: ApiKey): ApiKeyView {
  const { hash: _hash, ...view } = key;
  return view;
}
