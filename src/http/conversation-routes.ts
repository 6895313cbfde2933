import { Router, type RequestHandler } from 'express';
import type { ConversationStore } from '../conversation/conversation-store.js';
import { unknownConversation, withoutRejectedText } from '../conversation/chat-session.js';

/** Reads back and forgets conversations. Ids are unguessable; an unknown or expired id is a 404. */
export function conversationRoutes(store: ConversationStore, limiter: RequestHandler): Router {
  const router = Router();
  router.get('/v1/conversations/:id', limiter, async (request, response) => {
    const conversation = await store.get(String(request.params.id));
    if (!conversation) throw unknownConversation();
    response.set('Cache-Control', 'no-store');
    // Turns saved before failures lost their claim text are read back without it too.
    response.json({ ...conversation, turns: conversation.turns.map((turn) => ({ ...turn, answer: withoutRejectedText(turn.answer) })) });
  });
  router.delete('/v1/conversations/:id', limiter, async (request, response) => {
    if (!(await store.delete(String(request.params.id)))) throw unknownConversation();
    response.status(204).end();
  });
  return router;
}
