import { Router, type RequestHandler, type Response } from 'express';
import { callerOf } from '../auth/caller.js';
import type { ConversationStore } from '../conversation/conversation-store.js';
import { unknownConversation, withoutRejectedText } from '../conversation/chat-session.js';
import type { Conversation } from '../domain/types.js';

/**
 * Reads back and forgets conversations. Ids are unguessable; an unknown or expired id is a 404, and
 * so is another key's conversation (its existence is not disclosed).
 */
export function conversationRoutes(store: ConversationStore, limiter: RequestHandler): Router {
  const router = Router();
  const owned = async (id: string, response: Response): Promise<Conversation> => {
    const conversation = await store.get(id);
    if (!conversation || (conversation.owner ?? '') !== callerOf(response).tenant.owner) throw unknownConversation();
    return conversation;
  };
  router.get('/v1/conversations/:id', limiter, async (request, response) => {
    const { owner: _owner, ...conversation } = await owned(String(request.params.id), response);
    response.set('Cache-Control', 'no-store');
    // Turns saved before failures lost their claim text are read back without it too.
    response.json({ ...conversation, turns: conversation.turns.map((turn) => ({ ...turn, answer: withoutRejectedText(turn.answer) })) });
  });
  router.delete('/v1/conversations/:id', limiter, async (request, response) => {
    const { id } = await owned(String(request.params.id), response);
    if (!(await store.delete(id))) throw unknownConversation();
    response.status(204).end();
  });
  return router;
}
