import { randomUUID } from 'node:crypto';
import { createAnswerer } from './answer/answer-question.js';
import type { AnsweringTools } from './answer/answering-tools.js';
import type { Services } from './app.js';
import type { Audience, KnowledgeBase, TriageAlert } from './domain/types.js';
import { createModelPhraser, createOpenAIClient } from './generation/model-phraser.js';
import type { Phraser } from './generation/phraser.js';
import { loadPrompts } from './generation/prompts.js';
import { createRedFlagClassifier, type RedFlagClassifier } from './generation/red-flag-classifier.js';
import { inspectKnowledgeFiles, readKnowledgeFolder, servable, type KnowledgeReport } from './knowledge/load-knowledge.js';
import type { Problem } from './knowledge/problem.js';
import { searchIndexOver, type SearchIndex } from './retrieval/search-index.js';
import { loadRules } from './rules/load-rules.js';
import type { RulesEngine } from './rules/rules-engine.js';
import { loadTriageOf } from './triage/load-triage.js';
import { alertsForModelIds } from './triage/merge-alerts.js';
import type { Triage } from './triage/triage.js';
import { createAnalyzer, type Analyzer } from './text/analyzer.js';
import { prepareKnowledge } from './startup/prepared-knowledge.js';
import type { BuiltArtifacts } from './startup/startup-artifacts.js';
import { openStartupCache } from './startup/startup-cache.js';

export type ModelSettings = {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  promptsDir: string;
  fetch?: typeof globalThis.fetch;
};

/** Where rejected model text may go: a debug-level log (see AnswerDependencies.logger). */
export type DebugLogger = { debug(details: object, message: string): void };

export type ServiceSettings = {
  knowledgeDir: string;
  rulesDir?: string;
  /**
   * A folder for the start-up cache: what start-up works out from the knowledge folder, kept for its
   * content and the code (see startup/). Without it (the default) everything is worked out at each start.
   */
  cacheDir?: string;
  model?: ModelSettings;
  logger?: DebugLogger;
  /** Sees the alerts of every message triaged (the server counts them by kind). */
  onTriage?: (alerts: readonly TriageAlert[]) => void;
};

export type BuiltServices = Services & {
  index: SearchIndex;
  analyzer: Analyzer;
  /** Question analysis, answer planning and follow-up rewriting over the knowledge's vocabulary. */
  tools: AnsweringTools;
  rules?: RulesEngine;
  phraser?: Phraser;
  triage?: Triage;
  qualityProblems: Problem[];
};

// A low temperature keeps the wording close to the sources; the cap keeps a runaway reply short.
const MODEL_TEMPERATURE = 0.1;
const MODEL_MAX_TOKENS = 1200;
// The red-flag second opinion runs alongside retrieval; it may not hold an answer up for longer than this.
const RED_FLAG_TIMEOUT_MS = 8000;

export type BuildOptions = {
  phraser?: Phraser;
  rules?: RulesEngine;
  logger?: DebugLogger;
  triage?: Triage;
  classifyRedFlags?: RedFlagClassifier;
  /** Start-up artifacts kept for this very knowledge (see startup/): used instead of working them out. */
  artifacts?: BuiltArtifacts;
  /** Record the start-up artifacts worked out, and return them (to be kept). */
  recordArtifacts?: boolean;
};

/** Builds everything a request needs from the knowledge folder; shared by the server, the CLI and tests. */
export function buildServices(knowledge: KnowledgeBase, options: BuildOptions = {}): Omit<BuiltServices, 'qualityProblems'> & { artifacts?: BuiltArtifacts } {
  const analyzer = createAnalyzer(knowledge.synonyms);
  const prepared = prepareKnowledge(knowledge, analyzer, { ...(options.artifacts ? { artifacts: options.artifacts } : {}), record: options.recordArtifacts ?? false });
  const index = searchIndexOver(knowledge, analyzer, prepared.postings);
  const { phraser, rules, triage, classifyRedFlags } = options;
  const answerer = createAnswerer({
    knowledge,
    index,
    analyzer,
    prepared: prepared.readings,
    newConversationId: randomUUID,
    ...(triage ? { triage: triage.triage } : {}),
    // A model's second opinion on red flags can add alerts, never remove one.
    ...(triage && classifyRedFlags
      ? { classifyRedFlags: async (text: string, audience: Audience, signal?: AbortSignal) => alertsForModelIds(triage, await classifyRedFlags(text, signal), audience) }
      : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(rules ? { rules } : {}),
    ...(phraser
      ? {
          phraser,
          // The model rewrites follow-ups from the earlier standalone questions; the deterministic rewrite covers its failures.
          rewrite: (history, message, signal) => phraser.rewrite({ history: history.map((turn) => ({ question: turn.standaloneQuestion })), message }, signal),
        }
      : {}),
  });
  const artifacts = prepared.finish();
  return { knowledge, index, analyzer, ...answerer, ...(rules ? { rules } : {}), ...(phraser ? { phraser } : {}), ...(triage ? { triage } : {}), ...(artifacts ? { artifacts } : {}) };
}

/** The model phraser for the settings given; prompts are loaded and checked here, so a bad one stops start-up. */
export async function createPhraserFromSettings(settings: ModelSettings): Promise<Phraser> {
  const client = createOpenAIClient({
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const prompts = await loadPrompts(settings.promptsDir);
  return createModelPhraser({ client, model: settings.model, prompts, maxTokens: MODEL_MAX_TOKENS, temperature: MODEL_TEMPERATURE, streamIdleTimeoutMs: settings.timeoutMs });
}

/** The model's second opinion on red flags, over the concepts of the triage data; prompts are checked here. */
export async function createRedFlagClassifierFromSettings(settings: ModelSettings, concepts: Triage['concepts']): Promise<RedFlagClassifier> {
  const client = createOpenAIClient({
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs,
    maxRetries: 0,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const prompts = await loadPrompts(settings.promptsDir);
  return createRedFlagClassifier({ client, model: settings.model, prompt: prompts['red-flags'], concepts, timeoutMs: Math.min(settings.timeoutMs, RED_FLAG_TIMEOUT_MS) });
}

/**
 * Loads and checks the knowledge folder (throws KnowledgeError on blocking problems), then builds.
 * With a `cacheDir`, what was worked out for the same folder content and code is read from the
 * start-up cache instead; anything wrong with it (or a read-only folder) only means working it out.
 */
export async function loadServices(settings: ServiceSettings): Promise<BuiltServices> {
  const files = await readKnowledgeFolder(settings.knowledgeDir);
  const cache = settings.cacheDir && files ? openStartupCache(settings.cacheDir, settings.knowledgeDir, files, settings.logger) : undefined;
  const cached = cache?.restore();
  if (cached) {
    try {
      return await servicesFrom(settings, cached.report, { artifacts: cached.built });
    } catch (error) {
      settings.logger?.debug({ reason: (error as Error).message }, 'start-up cache not used: building');
    }
  }
  const report = servable(inspectKnowledgeFiles(settings.knowledgeDir, files));
  return servicesFrom(settings, report, cache ? { save: (artifacts) => cache.save({ report, built: artifacts }) } : {});
}

/** The services over a checked knowledge report: from start-up artifacts when given, else saving those worked out when `save`. */
async function servicesFrom(
  settings: ServiceSettings,
  { base, problems }: KnowledgeReport,
  startup: { artifacts?: BuiltArtifacts; save?: (artifacts: BuiltArtifacts) => void },
): Promise<BuiltServices> {
  const rules = settings.rulesDir ? await loadRules(settings.rulesDir, base) : undefined;
  const { triage: loaded, problems: triageProblems } = await loadTriageOf(settings.knowledgeDir, base);
  const observe = settings.onTriage;
  const triage: Triage | undefined =
    loaded && observe
      ? {
          ...loaded,
          triage: (text, audience) => {
            const alerts = loaded.triage(text, audience);
            observe(alerts);
            return alerts;
          },
        }
      : loaded;
  const phraser = settings.model ? await createPhraserFromSettings(settings.model) : undefined;
  const classifyRedFlags = settings.model && triage ? await createRedFlagClassifierFromSettings(settings.model, triage.concepts) : undefined;
  const { artifacts, ...built } = buildServices(base, {
    ...(phraser ? { phraser } : {}),
    ...(rules ? { rules } : {}),
    ...(settings.logger ? { logger: settings.logger } : {}),
    ...(triage ? { triage } : {}),
    ...(classifyRedFlags ? { classifyRedFlags } : {}),
    ...(startup.artifacts ? { artifacts: startup.artifacts } : {}),
    recordArtifacts: startup.save !== undefined,
  });
  if (artifacts) startup.save?.(artifacts);
  return { ...built, qualityProblems: [...problems, ...triageProblems] };
}

/** Model settings from the configuration, or none when no API key is set (extractive mode). */
export function modelSettingsFrom(config: {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_MODEL: string;
  MODEL_TIMEOUT_MS: number;
  MODEL_MAX_RETRIES: number;
  PROMPTS_DIR: string;
}): ModelSettings | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return {
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    timeoutMs: config.MODEL_TIMEOUT_MS,
    maxRetries: config.MODEL_MAX_RETRIES,
    promptsDir: config.PROMPTS_DIR,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
  };
}
