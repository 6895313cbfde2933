import type { Mapped, InboundRequest } from '../channel.js';
import { keywordOrQuestion } from '../audience-keyword.js';
import { parseJson } from '../request-checks.js';

/** Where a Slack reply goes: the channel, and the thread when the conversation is a thread. */
export type SlackTarget = { channel: string; threadTs?: string };

type SlackEvent = {
  type?: unknown;
  subtype?: unknown;
  bot_id?: unknown;
  user?: unknown;
  text?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  channel?: unknown;
  channel_type?: unknown;
};
type SlackEnvelope = { type?: unknown; challenge?: unknown; event_id?: unknown; team_id?: unknown; event?: SlackEvent };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The Events API: the URL challenge, `app_mention` in channels and direct messages; everything else is ignored. */
export function mapSlackEvent(request: InboundRequest): Mapped<SlackTarget> {
  if (request.method !== 'POST' || request.path !== '/events') return { kind: 'invalid', reason: 'Slack events are posted to /channels/slack/events.' };
  const body = parseJson(request.rawBody);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'The body is not a Slack event (JSON object).' };
  const envelope = body as SlackEnvelope;

  if (envelope.type === 'url_verification') {
    const challenge = text(envelope.challenge);
    if (!challenge) return { kind: 'invalid', reason: 'url_verification without a challenge.' };
    return { kind: 'respond', status: 200, contentType: 'application/json', body: JSON.stringify({ challenge }) };
  }
  if (envelope.type !== 'event_callback') return { kind: 'ignore', reason: `envelope type ${String(envelope.type)}` };

  const eventId = text(envelope.event_id);
  const team = text(envelope.team_id);
  const event = envelope.event;
  if (!eventId || !team || !event || typeof event !== 'object') return { kind: 'invalid', reason: 'event_callback without event_id, team_id or event.' };
  // The bot's own posts, edits, joins and other subtypes are not questions.
  if (event.bot_id !== undefined || event.subtype !== undefined) return { kind: 'ignore', reason: 'bot message or message subtype' };

  const channel = text(event.channel);
  const ts = text(event.ts);
  const threadTs = text(event.thread_ts);
  if (!channel || !ts || typeof event.text !== 'string') return { kind: 'invalid', reason: 'event without channel, ts or text.' };
  const question = plainText(event.text);

  if (event.type === 'app_mention') {
    // In a channel the thread is the conversation; a mention at the top level starts a thread.
    const thread = threadTs ?? ts;
    return {
      kind: 'events',
      events: [
        {
          eventId,
          conversationKey: `slack:${team}:${channel}:${thread}`,
          target: { channel, threadTs: thread },
          action: question ? keywordOrQuestion(question) : { type: 'start' },
        },
      ],
    };
  }
  if (event.type === 'message' && event.channel_type === 'im') {
    // A direct message chat is one conversation, unless the user opens a thread in it.
    return {
      kind: 'events',
      events: [
        {
          eventId,
          conversationKey: threadTs ? `slack:${team}:${channel}:${threadTs}` : `slack:${team}:${channel}`,
          target: threadTs ? { channel, threadTs } : { channel },
          action: question ? keywordOrQuestion(question) : { type: 'start' },
        },
      ],
    };
  }
  return { kind: 'ignore', reason: `event type ${String(event.type)}` };
}

/** Slack's text without mentions, links as their labels, and its three escapes undone. */
export function plainText(slackText: string): string {
  return slackText
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
