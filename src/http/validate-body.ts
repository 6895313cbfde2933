import type { z } from 'zod';
import { AppError } from '../errors.js';

/** Parses a request body with a zod schema; failures become a 400 naming each field and problem. */
export function validateBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid_request', 'The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.join('.') || '(body)';
    const message =
      issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is required' : issue.message;
    return { path, message };
  });
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  throw new AppError('invalid_request', `Invalid request: ${summary}.`, issues);
}
