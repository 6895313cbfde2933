import type { Audience } from '../../domain/types.js';
import type { ChannelPlatform } from '../channel.js';
import { mapSlackEvent, type SlackTarget } from './map-slack-event.js';
import { renderSlackReply, type SlackMessage } from './render-slack-reply.js';
import { createSlackSender } from './slack-client.js';
import { verifySlackRequest } from './verify-slack-request.js';

export type SlackSettings = { signingSecret: string; botToken: string; audience: Audience };

/** Slack's Events API at /channels/slack/events: acknowledged at once (Slack waits 3 s), answered in the thread. */
export function createSlackChannel(settings: SlackSettings, options: { fetch?: typeof globalThis.fetch; now?: () => number; apiUrl?: string } = {}): ChannelPlatform<SlackTarget, SlackMessage> {
  return {
    name: 'slack',
    defaultAudience: settings.audience,
    verify: (request) => verifySlackRequest(request, settings.signingSecret, options.now),
    map: mapSlackEvent,
    acknowledgement: { status: 200 },
    render: renderSlackReply,
    send: createSlackSender({ botToken: settings.botToken, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) }),
  };
}
