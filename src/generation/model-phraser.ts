// The only module that imports the OpenAI SDK. Works with any OpenAI-compatible server (Azure,
// vLLM, Ollama …) through baseURL.
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Finding, Source } from '../domain/types.js';
import type { ClaimFailure } from '../validation/validate-draft.js';
import { AppError } from '../errors.js';
import { TARGET_READING_GRADE } from '../validation/thresholds.js';
import type { PhraseInput, RepairInput, RewriteInput, StreamingPhraser } from './phraser.js';
import type { Prompts } from './prompts.js';

export type OpenAIClientOptions = {
  apiKey: string;
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
  fetch?: typeof globalThis.fetch;
};

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * An OpenAI client configured only from its arguments: explicit timeout and retries (not the SDK's
 * 10-minute default), and nothing read from OPENAI_* environment variables behind the caller's back.
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: 'off',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type ModelPhraserOptions = {
  client: OpenAI;
  model: string;
  prompts: Prompts;
  maxTokens: number;
  temperature: number;
  /**
   * A streamed draft that sends nothing for this long is given up (the client's timeout covers the
   * wait for the response to start, not a stream that stalls half-way).
   */
  streamIdleTimeoutMs?: number;
};

// Data blocks are delimited by tags; text that forges a closing tag must not end its block early.
const DATA_TAG = /<\s*\/?\s*(?:sources|findings|question|draft|failures|history|message)\b[^>]*>/gi;

function asData(text: string): string {
  return text.replace(DATA_TAG, ' ').trim();
}

function formatSources(sources: readonly Source[]): string {
  return sources
    .map((source) => `[${source.n}] (${source.kind === 'finding' ? 'rule finding' : 'guideline passage'}) ${asData(source.title)}\n${asData(source.text)}`)
    .join('\n\n');
}

function formatFindings(findings: readonly Finding[], sources: readonly Source[]): string {
  if (findings.length === 0) return '(none)';
  const values = (record: Record<string, string | number | boolean>) =>
    Object.entries(record).map(([key, value]) => `${key} = ${String(value)}`).join('; ');
  return findings
    .map((finding) => {
      const source = sources.find((candidate) => candidate.kind === 'finding' && candidate.id === finding.id);
      const cite = source ? ` — cite as [${source.n}]` : '';
      return asData(`- ${finding.title}${cite}: ${finding.summary}\n  inputs: ${values(finding.inputs)}\n  result: ${values(finding.result)}`);
    })
    .join('\n');
}

function formatFailures(failures: readonly ClaimFailure[]): string {
  return failures
    .map((failure, index) => asData(`${index + 1}. [${failure.check}] "${failure.claim}" — ${failure.reason}${failure.detail ? ` (${failure.detail})` : ''}`))
    .join('\n');
}

/** Provider failures as one AppError; the provider's body, headers and the key never leave here. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof APIUserAbortError) return new AppError('model_unavailable', 'The model request was cancelled.');
  if (error instanceof APIConnectionTimeoutError) return new AppError('model_unavailable', 'The model did not answer in time.');
  if (error instanceof APIError) {
    const status = error.status === undefined ? 'no response' : `HTTP ${error.status}`;
    return new AppError('model_unavailable', `The model provider failed (${status}).`);
  }
  if (error instanceof Error && error.name === 'AbortError') return new AppError('model_unavailable', 'The model request was cancelled.');
  return new AppError('model_unavailable', 'The model request failed.');
}

const stalledError = () => new AppError('model_unavailable', 'The model did not answer in time.');

export function createModelPhraser(options: ModelPhraserOptions): StreamingPhraser {
  const { client, model, prompts, maxTokens, temperature, streamIdleTimeoutMs } = options;

  function systemMessage(input: PhraseInput): string {
    const audienceInstructions =
      input.audience === 'patient'
        ? prompts.patient.render({ reading_grade: String(TARGET_READING_GRADE) })
        : prompts.professional.render({});
    return prompts.system.render({ audience_instructions: audienceInstructions, answer_shape: prompts['answer-shape'].render({}) });
  }

  /** The question, sources and findings as the data blocks both the draft and the repair prompts take. */
  function dataBlocks(input: PhraseInput) {
    return {
      question: asData(input.question),
      sources: formatSources(input.sources),
      findings: formatFindings(input.findings, input.sources),
    };
  }

  function draftMessages(input: PhraseInput): ChatCompletionMessageParam[] {
    return [
      { role: 'system', content: systemMessage(input) },
      { role: 'user', content: prompts.draft.render(dataBlocks(input)) },
    ];
  }

  function repairMessages(input: RepairInput): ChatCompletionMessageParam[] {
    const content = prompts.repair.render({ ...dataBlocks(input), draft: asData(input.draft), failures: formatFailures(input.failures) });
    return [
      { role: 'system', content: systemMessage(input) },
      { role: 'user', content },
    ];
  }

  async function complete(messages: ChatCompletionMessageParam[], signal: AbortSignal | undefined, limit = maxTokens): Promise<string> {
    let content: unknown;
    try {
      const completion = await client.chat.completions.create(
        { model, messages, max_tokens: limit, temperature, stream: false },
        signal ? { signal } : undefined,
      );
      content = completion?.choices?.[0]?.message?.content;
    } catch (error) {
      throw toAppError(error);
    }
    if (typeof content !== 'string' || !content.trim()) {
      throw new AppError('model_unavailable', 'The model returned an empty or malformed reply.');
    }
    // Unwrapping a fenced reply and removing hidden characters is normalisation (validation/visible-text.ts).
    return content.trim();
  }

  return {
    draft: (input, signal) => complete(draftMessages(input), signal),

    repair: (input: RepairInput, signal) => complete(repairMessages(input), signal),

    rewrite: async (input: RewriteInput, signal) => {
      const history = input.history.map((turn, index) => `${index + 1}. ${asData(turn.question)}`).join('\n') || '(none)';
      const reply = await complete(
        [{ role: 'user', content: prompts.rewrite.render({ history, message: asData(input.message) }) }],
        signal,
        Math.min(maxTokens, 200),
      );
      return reply.split('\n')[0]!.replace(/^["'“]|["'”]$/g, '').trim();
    },

    draftStream: async function* (input, signal) {
      const controller = new AbortController();
      const forward = () => controller.abort(signal?.reason);
      signal?.addEventListener('abort', forward, { once: true });
      let stalled = false;
      let idle: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(idle);
        if (streamIdleTimeoutMs) {
          idle = setTimeout(() => {
            stalled = true;
            controller.abort();
          }, streamIdleTimeoutMs);
        }
      };
      let yielded = false;
      try {
        arm();
        const stream = await client.chat.completions.create(
          { model, messages: draftMessages(input), max_tokens: maxTokens, temperature, stream: true },
          { signal: controller.signal },
        );
        for await (const chunk of stream) {
          arm();
          const delta = chunk.choices?.[0]?.delta?.content;
          if (typeof delta === 'string' && delta.length > 0) {
            yielded = true;
            yield delta;
          }
        }
      } catch (error) {
        throw stalled ? stalledError() : toAppError(error);
      } finally {
        clearTimeout(idle);
        signal?.removeEventListener('abort', forward);
      }
      // The SDK ends an aborted stream quietly: a stall must not pass for a complete draft.
      if (stalled) throw stalledError();
      if (!yielded) throw new AppError('model_unavailable', 'The model returned an empty or malformed reply.');
    },
  };
}
