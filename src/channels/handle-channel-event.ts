import type { Logger } from 'pino';
import type { Services } from '../app.js';
import { createChatSessions } from '../conversation/chat-session.js';
import type { ConversationStore } from '../conversation/conversation-store.js';
import type { Audience } from '../domain/types.js';
import type { ChannelPlatform, ChannelReply, MappedEvent } from './channel.js';
import type { ChannelSetup } from './channel-setup.js';
import type { ThreadState } from './channel-state.js';
import { PATIENT_INTRO } from './patient-intro.js';
import { sendWithRetry } from './send-with-retry.js';
import { PlatformCallError } from './platform-call-error.js';

export type EventHandlerDependencies = {
  setup: ChannelSetup;
  conversations: ConversationStore;
  services: Services;
  logger: Logger;
  maxMessageChars: number;
};

const AUDIENCE_CHANGED: Record<Audience, string> = {
  patient: 'Answers in this chat will now be written for patients and families.',
  professional: 'Answers in this chat will now be written for healthcare professionals.',
};
const WELCOME =
  'Ask a clinical question and the answer comes only from the guideline documents this service holds, with a numbered source for every statement. ' +
  'To choose who the answers are written for, send the word patient or professional.';
const TOO_LONG = (limit: number) => `That message is too long to answer; please keep questions under ${limit} characters.`;
const STALE_SUGGESTION = 'That suggestion belongs to an earlier answer; please type your question instead.';
const FAILED = 'Sorry, something went wrong while answering. Please try again in a moment.';

/**
 * After verification and deduplication: finds the thread's conversation, asks the answer pipeline,
 * keeps the turn, renders for the platform and sends with retries. Never throws; failures are logged
 * without message text.
 */
export async function handleChannelEvent<Target, Message>(
  platform: ChannelPlatform<Target, Message>,
  event: MappedEvent<Target>,
  deps: EventHandlerDependencies,
): Promise<void> {
  const { setup, conversations, services, logger } = deps;
  const log = logger.child({ platform: platform.name });
  const sessions = createChatSessions(conversations);
  const started = Date.now();

  if (platform.received) {
    await platform.received(event.target).catch((error: unknown) => log.warn({ err: describe(error) }, 'channel receipt not acknowledged'));
  }

  const deliver = (reply: ChannelReply) => deliverReply(platform, event.target, reply, setup, log);
  try {
    const thread: ThreadState = (await setup.state.thread(event.conversationKey)) ?? {};
    const audience = thread.audience ?? platform.defaultAudience;
    const intro = audience === 'patient' && !thread.introduced ? PATIENT_INTRO : undefined;
    const introduced = Boolean(thread.introduced || intro);
    const notice = async (text: string) => {
      await setup.state.saveThread(event.conversationKey, { ...thread, introduced });
      await deliver({ kind: 'notice', text, ...(intro ? { intro } : {}) });
    };

    const action = event.action;
    if (action.type === 'set-audience') {
      // The new audience decides whether the introduction is due, not the old one.
      const due = action.audience === 'patient' && !thread.introduced;
      await setup.state.saveThread(event.conversationKey, { ...thread, audience: action.audience, introduced: Boolean(thread.introduced || due) });
      await deliver({ kind: 'notice', text: AUDIENCE_CHANGED[action.audience], ...(due ? { intro: PATIENT_INTRO } : {}) });
      return;
    }
    if (action.type === 'start') {
      await notice(WELCOME);
      return;
    }

    const conversation = thread.conversationId ? await conversations.get(thread.conversationId) : undefined;
    let text: string;
    if (action.type === 'follow-up') {
      const suggestion = conversation?.turns.at(-1)?.answer.followUps[action.index];
      if (!suggestion) {
        await notice(STALE_SUGGESTION);
        return;
      }
      text = suggestion;
    } else {
      text = action.text;
    }
    if (text.length > deps.maxMessageChars) {
      await notice(TOO_LONG(deps.maxMessageChars));
      return;
    }

    const turn = await sessions.begin({ message: text, audience, ...(conversation ? { conversationId: conversation.id } : {}) });
    const answer = await services.answer(turn);
    // The turn is kept before sending, so a platform outage never loses the conversation.
    await sessions.record(turn, answer);
    await setup.state.saveThread(event.conversationKey, { ...thread, conversationId: turn.conversationId, introduced });
    const link = setup.publicUrl
      ? `${setup.publicUrl}/a/${await setup.state.createLink({ conversationId: turn.conversationId, position: turn.history.length + 1 })}`
      : undefined;
    const delivered = await deliver({ kind: 'answer', answer, ...(link ? { link } : {}), ...(intro ? { intro } : {}) });
    log.info({ ms: Date.now() - started, mode: answer.mode, references: answer.references.length, delivered }, 'channel message answered');
  } catch (error) {
    log.error({ err: describe(error) }, 'channel message not answered');
    await deliver({ kind: 'notice', text: FAILED });
  }
}

/** Sends the rendered messages in order; stops at the first that cannot be delivered. */
async function deliverReply<Target, Message>(
  platform: ChannelPlatform<Target, Message>,
  target: Target,
  reply: ChannelReply,
  setup: ChannelSetup,
  log: Logger,
): Promise<boolean> {
  let messages: Message[];
  try {
    messages = platform.render(reply, target);
  } catch (error) {
    log.error({ err: describe(error) }, 'channel reply could not be rendered');
    return false;
  }
  for (const [index, message] of messages.entries()) {
    try {
      const { attempts } = await sendWithRetry(() => platform.send(target, message), setup.retry);
      if (attempts > 1) log.info({ attempts, part: index + 1 }, 'channel reply sent after retries');
    } catch (error) {
      const details = error instanceof PlatformCallError ? error.details : undefined;
      log.warn(
        { status: details?.status, code: details?.code, attempts: (error as { attempts?: number }).attempts, part: index + 1, parts: messages.length },
        'channel reply not delivered',
      );
      return false;
    }
  }
  return true;
}

/** An error's name and message only: platform error bodies and message text stay out of the log. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}
