import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Services } from '../app.js';
import type { ConversationStore } from '../conversation/conversation-store.js';
import type { ChannelPlatform, InboundRequest } from './channel.js';
import type { ChannelSetup } from './channel-setup.js';
import { handleChannelEvent } from './handle-channel-event.js';

export type ChannelRouteOptions = {
  setup: ChannelSetup;
  conversations: ConversationStore;
  services(): Services | undefined;
  logger: Logger;
  maxMessageChars: number;
  bodyLimit: string;
};

/**
 * `/<platform>/…` for every enabled platform: verify → map → deduplicate → acknowledge → answer in
 * the background. Nothing is stored, computed or sent for a request that fails verification.
 */
export function channelRoutes(options: ChannelRouteOptions): Router {
  const router = Router();
  // Messages of one thread are answered one after another, so replies keep their order.
  const queues = new Map<string, Promise<void>>();
  const inSequence = (key: string, task: () => Promise<void>) => {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    queues.set(key, next);
    void next
      .finally(() => {
        if (queues.get(key) === next) queues.delete(key);
      })
      .catch(() => undefined);
    return next;
  };

  for (const platform of options.setup.platforms) {
    const log = options.logger.child({ platform: platform.name });
    // Raw bytes for every content type: each platform signs the body exactly as sent.
    router.use(`/${platform.name}`, express.raw({ type: () => true, limit: options.bodyLimit }), async (request: Request, response: Response) => {
      const inbound = toInbound(request);
      const verification = await platform.verify(inbound);
      if (!verification.ok) {
        log.warn({ status: verification.status, reason: verification.reason }, 'channel request rejected');
        const code = { 400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden' }[verification.status];
        response.status(verification.status).json({ error: { code, message: 'Request refused.' } });
        return;
      }
      const mapped = platform.map(inbound);
      if (mapped.kind === 'respond') {
        response.status(mapped.status).type(mapped.contentType).send(mapped.body);
        return;
      }
      if (mapped.kind === 'invalid') {
        log.warn({ reason: mapped.reason }, 'channel request invalid');
        response.status(400).json({ error: { code: 'invalid_request', message: mapped.reason } });
        return;
      }
      if (mapped.kind === 'ignore') {
        log.debug({ reason: mapped.reason }, 'channel event ignored');
        acknowledge(response, platform);
        return;
      }
      const services = options.services();
      if (!services) {
        // Before deduplication, so that the platform's retry is answered once the service is ready.
        response.status(503).set('Retry-After', '5').json({ error: { code: 'not_ready', message: 'The service is starting.' } });
        return;
      }
      // Every message of the delivery is checked before the acknowledgement, so a replay is dropped whole.
      const fresh = [];
      for (const event of mapped.events) {
        if (await options.setup.deduplicator.seen(`${platform.name}:${event.eventId}`, options.setup.dedupeTtlMs)) {
          log.info('channel event already handled; acknowledged again');
        } else {
          fresh.push(event);
        }
      }
      acknowledge(response, platform);
      for (const event of fresh) {
        options.setup.background(() =>
          inSequence(event.conversationKey, () =>
            handleChannelEvent(platform, event, {
              setup: options.setup,
              conversations: options.conversations,
              services,
              logger: options.logger,
              maxMessageChars: options.maxMessageChars,
            }),
          ),
        );
      }
    });
  }
  return router;
}

function acknowledge(response: Response, platform: ChannelPlatform): void {
  const { status, body, contentType } = platform.acknowledgement;
  if (contentType) response.type(contentType);
  response.status(status).send(body ?? '');
}

function toInbound(request: Request): InboundRequest {
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.query)) query[name] = typeof value === 'string' ? value : undefined;
  return {
    method: request.method,
    path: request.path,
    originalUrl: request.originalUrl,
    query,
    headers: request.headers,
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
}
