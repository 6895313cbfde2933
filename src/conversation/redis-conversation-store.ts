import type { Redis } from 'ioredis';
import type { Audience, CaseInput, Conversation } from '../domain/types.js';
import { decodedTurnFields, jsonAnswerCodec, retentionMs, type ConversationStore, type NewTurn, type RetentionOptions } from './conversation-store.js';

export type RedisStoreOptions = RetentionOptions & {
  redis: Redis;
  /** Prefix of every key this store writes, so that several deployments can share one Redis. */
  prefix?: string;
};

// Per conversation: a hash (times, owner) and a list of turns, both expiring with the conversation.
// Per owner: a sorted set of its conversation ids scored by expiry, for the cap and for purges.
// Expiry is also checked against the store's clock on every read, as the other stores do.
type StoredTurn = { question: string; standaloneQuestion: string; audience: Audience; case?: CaseInput; answer: string; createdAt: number };

// KEYS: conversation hash, turns list, owner set, set of owners.
// ARGV: now, expiresAt, ttlMs, owner, continuing, turn JSON, maxConversations (0 = none), key prefix.
// Returns the new turn's position, or 0 when nothing was saved.
const APPEND = `
local now = tonumber(ARGV[1])
local expires = tonumber(redis.call('HGET', KEYS[1], 'expires') or '0')
if expires > 0 and expires <= now then
  redis.call('DEL', KEYS[1], KEYS[2])
  redis.call('ZREM', KEYS[3], string.sub(KEYS[1], string.len(ARGV[8]) + 14))
  expires = 0
end
if expires > 0 then
  if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[4] then return 0 end
else
  if ARGV[5] == '1' then return 0 end
  local cap = tonumber(ARGV[7])
  if cap > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
    local excess = redis.call('ZCARD', KEYS[3]) - cap + 1
    if excess > 0 then
      -- ZPOPMIN answers member, score, member, score…
      for index, value in ipairs(redis.call('ZPOPMIN', KEYS[3], excess)) do
        if index % 2 == 1 then redis.call('DEL', ARGV[8] .. 'conversation:' .. value, ARGV[8] .. 'conversation:' .. value .. ':turns') end
      end
    end
  end
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'created', ARGV[1], 'owner', ARGV[4])
end
redis.call('HSET', KEYS[1], 'updated', ARGV[1], 'expires', ARGV[2])
local position = redis.call('RPUSH', KEYS[2], ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], string.sub(KEYS[1], string.len(ARGV[8]) + 14))
redis.call('PEXPIRE', KEYS[3], ARGV[3], 'GT')
if redis.call('PTTL', KEYS[3]) < 0 then redis.call('PEXPIRE', KEYS[3], ARGV[3]) end
redis.call('SADD', KEYS[4], ARGV[4])
return position
`;

// KEYS: conversation hash, turns list. ARGV: key prefix. Returns 1 when something was deleted.
const DELETE = `
local owner = redis.call('HGET', KEYS[1], 'owner')
if not owner then return 0 end
redis.call('ZREM', ARGV[1] .. 'owner:' .. owner, string.sub(KEYS[1], string.len(ARGV[1]) + 14))
return redis.call('DEL', KEYS[1], KEYS[2]) > 0 and 1 or 0
`;

/** Conversations in Redis: every instance sees every conversation, so any of them serves a follow-up. */
export function createRedisConversationStore(options: RedisStoreOptions): ConversationStore {
  const { redis } = options;
  const now = options.now ?? Date.now;
  const codec = options.codec ?? jsonAnswerCodec;
  const prefix = options.prefix ?? 'guideline-chat:';
  const conversationKey = (id: string) => `${prefix}conversation:${id}`;
  const turnsKey = (id: string) => `${prefix}conversation:${id}:turns`;
  const ownerKey = (owner: string) => `${prefix}owner:${owner}`;
  const ownersKey = `${prefix}owners`;

  return {
    async get(id) {
      const [meta, turns] = (await redis.multi().hgetall(conversationKey(id)).lrange(turnsKey(id), 0, -1).exec()) ?? [];
      const fields = meta?.[1] as Record<string, string> | undefined;
      const expiresAt = Number(fields?.expires ?? 0);
      if (!fields?.expires) return undefined;
      if (expiresAt <= now()) {
        // Past its retention by the store's clock: gone now, not at the next purge.
        await redis.eval(DELETE, 2, conversationKey(id), turnsKey(id), prefix);
        return undefined;
      }
      const conversation: Conversation = {
        id,
        createdAt: new Date(Number(fields.created)).toISOString(),
        updatedAt: new Date(Number(fields.updated)).toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
        turns: ((turns?.[1] as string[] | undefined) ?? []).map((text, index) => {
          const turn = JSON.parse(text) as StoredTurn;
          return {
            position: index + 1,
            question: turn.question,
            standaloneQuestion: turn.standaloneQuestion,
            audience: turn.audience,
            ...(turn.case ? { case: turn.case } : {}),
            ...decodedTurnFields(codec, turn.answer, { conversationId: id, question: turn.question, standaloneQuestion: turn.standaloneQuestion, audience: turn.audience }),
            createdAt: new Date(turn.createdAt).toISOString(),
          };
        }),
        ...(fields.owner ? { owner: fields.owner } : {}),
      };
      return conversation;
    },

    async appendTurn(id, turn: NewTurn) {
      const time = now();
      const keepMs = retentionMs(turn.retentionDays ?? options.retentionDays);
      const owner = turn.owner ?? '';
      const stored: StoredTurn = {
        question: turn.question,
        standaloneQuestion: turn.standaloneQuestion,
        audience: turn.audience,
        ...(turn.case ? { case: turn.case } : {}),
        answer: codec.encode(turn.answer),
        createdAt: time,
      };
      const position = await redis.eval(
        APPEND,
        4,
        conversationKey(id),
        turnsKey(id),
        ownerKey(owner),
        ownersKey,
        time,
        time + keepMs,
        keepMs,
        owner,
        turn.continuing ? '1' : '0',
        JSON.stringify(stored),
        turn.maxConversations ?? 0,
        prefix,
      );
      return Number(position) > 0;
    },

    async delete(id) {
      return Number(await redis.eval(DELETE, 2, conversationKey(id), turnsKey(id), prefix)) === 1;
    },

    /** Redis expires conversations by itself; this removes those past their expiry by the store's clock. */
    async purgeExpired() {
      let removed = 0;
      for (const owner of await redis.smembers(ownersKey)) {
        const ids = await redis.zrangebyscore(ownerKey(owner), '-inf', now());
        for (const id of ids) {
          if (Number(await redis.eval(DELETE, 2, conversationKey(id), turnsKey(id), prefix)) === 1) removed += 1;
        }
        await redis.zremrangebyscore(ownerKey(owner), '-inf', now());
      }
      return removed;
    },

    // The client is shared (keys, limits, deduplication): whoever created it closes it.
    async close() {},
  };
}
