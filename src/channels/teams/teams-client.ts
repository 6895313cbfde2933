import { CloudAdapter, createOutboundHostValidator, type AuthConfiguration } from '@microsoft/agents-hosting';
import { networkError, parseRetryAfter, PlatformCallError } from '../platform-call-error.js';
import type { TeamsTarget } from './map-teams-activity.js';
import type { TeamsMessage } from './render-teams-reply.js';

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

type HttpFailure = { status?: unknown; response?: { headers?: { get?(name: string): string | null } } };

/**
 * Replies through the SDK's CloudAdapter as a proactive message into the conversation (the thread in a
 * channel); the adapter gets the outbound token from Entra ID and posts to the connector.
 */
export function createTeamsSender(auth: AuthConfiguration, clientId: string) {
  // Replies (with our token) go only to Microsoft's connector hosts, whatever an activity names.
  const adapter = new CloudAdapter(auth, undefined, undefined, undefined, createOutboundHostValidator({ enabled: true, includeDefaultMicrosoftHosts: true }));
  // The SDK's default would post "the agent encountered an error" into the chat; failures go to the retry instead.
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  return async (target: TeamsTarget, message: TeamsMessage): Promise<void> => {
    const reference = {
      serviceUrl: target.serviceUrl,
      channelId: target.channelId,
      conversation: { id: target.conversationId },
      activityId: target.activityId,
      user: target.user,
      agent: target.agent,
    };
    try {
      await adapter.continueConversation(clientId, reference as Parameters<CloudAdapter['continueConversation']>[1], async (context) => {
        await context.sendActivity({ type: 'message', text: message.text, textFormat: 'xml' } as Parameters<typeof context.sendActivity>[0]);
      });
    } catch (error) {
      throw toPlatformError(error);
    }
  };
}

function toPlatformError(error: unknown): PlatformCallError {
  const failure = error as HttpFailure;
  if (typeof failure?.status === 'number') {
    const retryAfterMs = parseRetryAfter(failure.response?.headers?.get?.('retry-after'));
    return new PlatformCallError(`Teams answered ${failure.status}`, {
      status: failure.status,
      retryable: RETRYABLE_STATUS.has(failure.status),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (error instanceof TypeError) return networkError('Teams', error);
  // Token acquisition and SDK errors: reported, not retried (a wrong secret does not fix itself).
  return new PlatformCallError(`Teams send failed: ${error instanceof Error ? error.name : 'unknown error'}`, { retryable: false });
}
