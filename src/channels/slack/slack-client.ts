import { errorFromResponse, networkError, PlatformCallError } from '../platform-call-error.js';
import type { SlackTarget } from './map-slack-event.js';
import type { SlackMessage } from './render-slack-reply.js';

export const SLACK_API = 'https://slack.com/api';

// Slack answers HTTP 200 with ok:false for most failures; these are the ones worth another try.
const RETRYABLE_ERRORS = new Set(['ratelimited', 'rate_limited', 'service_unavailable', 'internal_error', 'fatal_error', 'request_timeout']);

/** chat.postMessage with the bot token, into the thread when there is one. */
export function createSlackSender(options: { botToken: string; fetch?: typeof globalThis.fetch; apiUrl?: string }) {
  const fetcher = options.fetch ?? globalThis.fetch;
  const url = `${options.apiUrl ?? SLACK_API}/chat.postMessage`;
  return async (target: SlackTarget, message: SlackMessage): Promise<void> => {
    let response: Response;
    try {
      response = await fetcher(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.botToken}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          channel: target.channel,
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      });
    } catch (error) {
      throw networkError('Slack', error);
    }
    if (!response.ok) throw errorFromResponse('Slack', response);
    const body = (await response.json().catch(() => undefined)) as { ok?: boolean; error?: string } | undefined;
    if (body?.ok === true) return;
    const code = body?.error ?? 'unreadable_response';
    throw new PlatformCallError(`Slack answered ${code}`, { status: response.status, retryable: RETRYABLE_ERRORS.has(code), code });
  };
}
