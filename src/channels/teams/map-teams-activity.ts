import type { InboundRequest, Mapped } from '../channel.js';
import { keywordOrQuestion } from '../audience-keyword.js';
import { parseJson } from '../request-checks.js';

type Account = { id?: unknown; name?: unknown };
type Activity = {
  type?: unknown;
  id?: unknown;
  text?: unknown;
  serviceUrl?: unknown;
  channelId?: unknown;
  from?: Account;
  recipient?: Account;
  conversation?: { id?: unknown };
};

/** What a proactive reply needs: the conversation reference of the message being answered. */
export type TeamsTarget = {
  serviceUrl: string;
  channelId: string;
  conversationId: string;
  activityId: string;
  user: { id: string; name?: string };
  agent: { id: string; name?: string };
};

const account = (value: Account | undefined): { id: string; name?: string } | undefined =>
  typeof value?.id === 'string' ? { id: value.id, ...(typeof value.name === 'string' ? { name: value.name } : {}) } : undefined;

/** Message activities become questions (a channel thread is one conversation); other activity types are ignored. */
export function mapTeamsActivity(request: InboundRequest): Mapped<TeamsTarget> {
  if (request.method !== 'POST' || request.path !== '/messages') return { kind: 'invalid', reason: 'Teams activities are posted to /channels/teams/messages.' };
  const body = parseJson(request.rawBody);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'The body is not an activity (JSON object).' };
  const activity = body as Activity;
  if (activity.type !== 'message') return { kind: 'ignore', reason: `activity type ${String(activity.type)}` };
  const conversationId = activity.conversation?.id;
  const user = account(activity.from);
  const agent = account(activity.recipient);
  if (typeof activity.id !== 'string' || typeof conversationId !== 'string' || typeof activity.serviceUrl !== 'string' || !user || !agent) {
    return { kind: 'invalid', reason: 'message activity without id, conversation, serviceUrl, from or recipient.' };
  }
  const text = typeof activity.text === 'string' ? plainText(activity.text) : '';
  if (!text) return { kind: 'ignore', reason: 'message without text' };
  return {
    kind: 'events',
    events: [
      {
        eventId: `${conversationId}:${activity.id}`,
        // In a channel, the conversation id names the thread (…;messageid=…), so the thread is the conversation.
        conversationKey: `teams:${conversationId}`,
        target: {
          serviceUrl: activity.serviceUrl,
          channelId: typeof activity.channelId === 'string' ? activity.channelId : 'msteams',
          conversationId,
          activityId: activity.id,
          user,
          agent,
        },
        action: keywordOrQuestion(text),
      },
    ],
  };
}

/**
 * The text without the bot's <at>mention</at>, the formatting tags of a formatted message and the
 * entities Teams writes. Only known tags are removed: "CrCl <30 and >60" must survive.
 */
export function plainText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<\/?(?:p|div|span|b|i|u|s|em|strong|br|code|pre|blockquote)(?:\s[^<>]*)?\/?>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
