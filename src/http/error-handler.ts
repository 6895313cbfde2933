import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { routePattern } from './route-pattern.js';

// Body-parser failures carry a `type`; each maps to a client error with a plain message.
const PARSER_ERRORS: Record<string, AppError> = {
  'entity.parse.failed': new AppError('invalid_json', 'The request body is not valid JSON.'),
  'entity.too.large': new AppError('payload_too_large', 'The request body is too large.'),
  'encoding.unsupported': new AppError('unsupported_media_type', 'The request body encoding is not supported.'),
  'charset.unsupported': new AppError('unsupported_media_type', 'The request body charset is not supported; use UTF-8.'),
};

// A client error from express or its body parser without a known type (a bad gzip stream, a body
// cut short): the client's fault, said plainly, never a 500.
const CLIENT_ERRORS: Record<number, AppError> = {
  400: new AppError('invalid_request', 'The request body could not be read: it is malformed, cut short or wrongly compressed.'),
  413: PARSER_ERRORS['entity.too.large']!,
  415: PARSER_ERRORS['encoding.unsupported']!,
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Thrown by express's router when a path segment holds a percent-escape that does not decode.
  if (error instanceof URIError) return new AppError('invalid_request', 'The URL is malformed: a percent-escape in it does not decode.');
  const type = (error as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && PARSER_ERRORS[type]) return PARSER_ERRORS[type];
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && CLIENT_ERRORS[status]) return CLIENT_ERRORS[status];
  return new AppError('internal', 'Something went wrong on our side. Please try again.');
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
}

export type ErrorResponse = { status: number; body: unknown };

function appErrorResponse(error: unknown): ErrorResponse {
  const appError = toAppError(error);
  return { status: appError.status, body: errorBody(appError) };
}

/**
 * The one place errors become responses: a code and a safe message, never a stack or internals.
 * `shape` words the body for a surface with its own error format (the OpenAI-compatible routes).
 */
export function errorHandler(logger: Logger, shape: (error: unknown) => ErrorResponse = appErrorResponse): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const { status, body } = shape(error);
    // 503 is a state (starting, shutting down), not a failure: no stack for it.
    if (status >= 500 && status !== 503) logger.error({ err: error, route: routePattern(request) }, 'request failed');
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (request) => {
  throw new AppError('not_found', `No route for ${request.method} ${request.path}.`);
};

/** POST bodies must be JSON; anything else is refused before parsing. */
export const requireJson: RequestHandler = (request, _response, next) => {
  if (request.method === 'POST' && !request.is('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.');
  }
  next();
};
