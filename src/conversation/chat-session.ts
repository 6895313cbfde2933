import type { Answer, Audience, CaseInput, PriorQuestion } from '../domain/types.js';
import { AppError } from '../errors.js';
import { publicFailures } from '../validation/validate-draft.js';
import { newConversationId as randomConversationId, type ConversationStore } from './conversation-store.js';

/** The answer's bottom line as it was shown, without its citation markers. */
export function answerLeadOf(answer: Answer): string | undefined {
  const lead = answer.blocks.find((block) => block.kind === 'summary');
  return lead ? lead.text.replace(/\s*(?:\[\d+\])+/g, '').trim() : undefined;
}

/** Who is asking, when API keys are on: the key id, and the key's own storage bounds. */
export type Tenant = { owner: string; retentionDays?: number; maxConversations?: number };

/** One chat message as a client sends it. */
export type ChatMessage<Case extends CaseInput> = {
  message: string;
  audience?: Audience;
  conversationId?: string;
  case?: Case;
  tenant?: Tenant;
};

/** What the answer pipeline is asked, with the conversation's history and carried case facts. */
export type ConversationalRequest<Case extends CaseInput> = {
  message: string;
  conversationId: string;
  audience?: Audience;
  case?: Case;
  history: PriorQuestion[];
  tenant?: Tenant;
  /** The conversation existed when the turn began (it must still exist when the turn is saved). */
  continuing?: boolean;
};

export type ChatSessions = {
  /**
   * Resolves the conversation a message belongs to: an unknown id is a 404 (never a silent new
   * conversation), no id starts a new one. The audience and case facts of the last turn carry over
   * unless the message changes them.
   */
  begin<Case extends CaseInput>(message: ChatMessage<Case>): Promise<ConversationalRequest<Case>>;
  /** Saves the answered turn; false when its conversation was deleted (or expired) during the turn. */
  record<Case extends CaseInput>(request: ConversationalRequest<Case>, answer: Answer): Promise<boolean>;
};

/** An answer as it is kept and read back: a failure's check and reason only, never rejected model text. */
export function withoutRejectedText(answer: Answer): Answer {
  return { ...answer, validation: { ...answer.validation, failures: publicFailures(answer.validation.failures) } };
}

export function unknownConversation(): AppError {
  return new AppError('not_found', 'No conversation with this id: it never existed, was deleted, or has expired.');
}

export function createChatSessions(store: ConversationStore, newId: () => string = randomConversationId): ChatSessions {
  return {
    async begin<Case extends CaseInput>(message: ChatMessage<Case>): Promise<ConversationalRequest<Case>> {
      const found = message.conversationId ? await store.get(message.conversationId) : undefined;
      // Another key's conversation is as unknown as one that never existed.
      const conversation = found && (found.owner ?? '') === (message.tenant?.owner ?? '') ? found : undefined;
      if (message.conversationId && !conversation) throw unknownConversation();
      const turns = conversation?.turns ?? [];
      const last = turns.at(-1);
      const audience = message.audience ?? last?.audience;
      // Stored cases were validated when they arrived; a later message replaces only the facts it states.
      const carried = last?.case as Case | undefined;
      const merged = carried || message.case ? ({ ...carried, ...message.case } as Case) : undefined;
      return {
        message: message.message,
        conversationId: conversation?.id ?? newId(),
        history: turns.map(({ question, standaloneQuestion, audience: turnAudience, case: turnCase, answer }) => {
          const lead = answerLeadOf(answer);
          return { question, standaloneQuestion, audience: turnAudience, ...(turnCase ? { case: turnCase } : {}), ...(lead ? { answerLead: lead } : {}) };
        }),
        ...(audience ? { audience } : {}),
        ...(merged ? { case: merged } : {}),
        ...(message.tenant ? { tenant: message.tenant } : {}),
        ...(conversation ? { continuing: true } : {}),
      };
    },

    async record(request, answer) {
      return store.appendTurn(request.conversationId, {
        question: answer.question,
        standaloneQuestion: answer.standaloneQuestion,
        audience: answer.audience,
        ...(request.case ? { case: request.case } : {}),
        answer: withoutRejectedText(answer),
        ...(request.continuing ? { continuing: true } : {}),
        ...(request.tenant?.owner ? { owner: request.tenant.owner } : {}),
        ...(request.tenant?.retentionDays ? { retentionDays: request.tenant.retentionDays } : {}),
        ...(request.tenant?.maxConversations ? { maxConversations: request.tenant.maxConversations } : {}),
      });
    },
  };
}
