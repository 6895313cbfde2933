import { fileURLToPath } from 'node:url';
import { Router, type RequestHandler } from 'express';
import type { ConversationStore } from '../../conversation/conversation-store.js';
import { AppError } from '../../errors.js';
import { buildWidget, type WidgetBundle } from '../../widget/build-widget.js';
import type { ChannelState } from '../channel-state.js';
import { ANSWER_PAGE_CSS, ANSWER_PAGE_POLICY, answerPageHtml } from './answer-page-html.js';

const SCRIPT_ENTRY = fileURLToPath(new URL('./answer-page-script.ts', import.meta.url));
const LINK_ID = /^[A-Za-z0-9_-]{24}$/;
const ASSET_CACHE_CONTROL = 'public, max-age=600';

let pendingBuild: Promise<WidgetBundle> | undefined;

/** Built on the first request, like the widget, so a process that never serves a page never starts esbuild. */
function answerPageScript(): Promise<WidgetBundle> {
  pendingBuild ??= buildWidget(SCRIPT_ENTRY).catch((error: unknown) => {
    pendingBuild = undefined;
    throw error;
  });
  return pendingBuild;
}

/**
 * GET /a/<id>: the answer a channel reply linked to, read from its conversation, so the page is gone
 * as soon as the conversation is (expired or deleted). Unknown, malformed and expired ids are all a 404.
 */
export function answerPageRoutes(options: { state: ChannelState; conversations: ConversationStore; limiter?: RequestHandler }): Router {
  const router = Router();
  const limited: RequestHandler[] = options.limiter ? [options.limiter] : [];

  router.get('/a/assets/answer-page.js', async (_request, response) => {
    const { code, etag } = await answerPageScript();
    response.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': ASSET_CACHE_CONTROL, ETag: etag }).send(code);
  });
  router.get('/a/assets/answer-page.css', (_request, response) => {
    response.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': ASSET_CACHE_CONTROL }).send(ANSWER_PAGE_CSS);
  });

  router.get('/a/:id', ...limited, async (request, response) => {
    const id = String(request.params.id);
    const gone = new AppError('not_found', 'This answer link is unknown or has expired.');
    if (!LINK_ID.test(id)) throw gone;
    const target = await options.state.resolveLink(id);
    const conversation = target ? await options.conversations.get(target.conversationId) : undefined;
    const turn = conversation?.turns.find((candidate) => candidate.position === target?.position);
    if (!conversation || !turn) throw gone;
    response
      .set({
        'Content-Security-Policy': ANSWER_PAGE_POLICY,
        'Cache-Control': 'private, no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Robots-Tag': 'noindex, nofollow',
      })
      .type('html')
      .send(answerPageHtml(turn.answer, conversation.expiresAt));
  });
  return router;
}
