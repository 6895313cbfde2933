import type { Request, RequestHandler, Response } from 'express';

export const SHUTTING_DOWN_MESSAGE = 'The server is shutting down; send the request again (another instance will answer it).';

/**
 * What the app knows about shutting down: readiness turns 503 once draining starts, responses in
 * flight are tracked so that the ones still open at the deadline can be ended properly.
 */
export type Lifecycle = {
  readonly draining: boolean;
  /** Readiness answers 503 from now on; responses ask clients to close their connection. */
  startDraining(): void;
  /** Tracks each response until it is finished or its connection closes. */
  track: RequestHandler;
  inFlight(): number;
  /** Resolves once no response is in flight. */
  idle(): Promise<void>;
  /**
   * Ends every response still open: an event stream gets a final error event, a request not yet
   * answered gets a 503, anything else half-sent is cut.
   */
  endInFlight(): void;
};

export function createLifecycle(): Lifecycle {
  const open = new Map<Response, Request>();
  let draining = false;
  let waiters: Array<() => void> = [];

  const settle = () => {
    if (open.size > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
      for (const response of open.keys()) if (!response.headersSent) response.set('Connection', 'close');
    },
    track(request, response, next) {
      open.set(response, request);
      const done = () => {
        open.delete(response);
        settle();
      };
      response.once('finish', done);
      response.once('close', done);
      if (draining) response.set('Connection', 'close');
      next();
    },
    inFlight: () => open.size,
    idle() {
      if (open.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    endInFlight() {
      for (const [response, request] of open) endResponse(request, response);
    },
  };
}

function endResponse(request: Request, response: Response): void {
  if (response.writableEnded || response.destroyed) return;
  if (!response.headersSent) {
    response.status(503).set({ Connection: 'close', 'Retry-After': '1' }).json({ error: { code: 'shutting_down', message: SHUTTING_DOWN_MESSAGE } });
    return;
  }
  if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
    // Each surface's own error event, so clients read it as they read any other failure.
    const openAi = request.originalUrl.startsWith('/v1/chat/completions');
    const event = openAi
      ? `data: ${JSON.stringify({ error: { message: SHUTTING_DOWN_MESSAGE, type: 'server_error', param: null, code: 'shutting_down' } })}\n\n`
      : `event: error\ndata: ${JSON.stringify({ error: { code: 'shutting_down', message: SHUTTING_DOWN_MESSAGE } })}\n\n`;
    response.end(event);
    return;
  }
  response.destroy();
}
