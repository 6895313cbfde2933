import type { ChannelPlatform } from './channel.js';
import { createMemoryChannelState, type ChannelState } from './channel-state.js';
import { createMemoryDeduplicator, type Deduplicator } from './deduplicator.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './send-with-retry.js';

/** The enabled platforms and what they share; built in main.ts (or a test) and handed to createApp. */
export type ChannelSetup = {
  platforms: ChannelPlatform[];
  state: ChannelState;
  deduplicator: Deduplicator;
  /** The service's public address (no trailing slash): answer links are only offered when it is known. */
  publicUrl?: string;
  retry: RetryPolicy;
  /** How long an event id is remembered: longer than any platform keeps retrying. */
  dedupeTtlMs: number;
  /** Runs work after the platform has been acknowledged, and tracks it until it ends. */
  background(task: () => Promise<void>): void;
  /** Resolves when every answer in progress has been sent (or has failed): for shutdown and tests. */
  idle(): Promise<void>;
};

export type ChannelSetupOptions = {
  platforms: ChannelPlatform[];
  retentionMs: number;
  publicUrl?: string;
  state?: ChannelState;
  deduplicator?: Deduplicator;
  retry?: RetryPolicy;
  dedupeTtlMs?: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function createChannelSetup(options: ChannelSetupOptions): ChannelSetup {
  const pending = new Set<Promise<void>>();
  return {
    platforms: options.platforms,
    state: options.state ?? createMemoryChannelState({ retentionMs: options.retentionMs }),
    deduplicator: options.deduplicator ?? createMemoryDeduplicator(),
    ...(options.publicUrl ? { publicUrl: options.publicUrl.replace(/\/+$/, '') } : {}),
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    dedupeTtlMs: options.dedupeTtlMs ?? DAY_MS,
    background(task) {
      // Errors are handled inside the task; this only keeps an unexpected one from going unobserved.
      const run = task().catch(() => {});
      pending.add(run);
      void run.finally(() => pending.delete(run));
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
