import { z } from 'zod';
import { normalizeVisibleText } from '../validation/visible-text.js';

/** A type error that says "is required" when the field is absent, and what it must be otherwise. */
export const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

/** The parts of a JSON answer a client may leave out: each carries the whole answer text on its own. */
export const OMITTABLE = ['markdown', 'blocks'] as const;
export type Omittable = (typeof OMITTABLE)[number];

// Leaving out both would deliver an answer without its text, which is never what a client wants.
const omitSchema = z
  .array(z.enum(OMITTABLE, { error: 'must be "markdown" or "blocks"' }), { error: typeError('an array') })
  .refine((parts) => !OMITTABLE.every((part) => parts.includes(part)), 'may name "markdown" or "blocks", not both: the answer would have no text')
  .describe(
    'Leave `markdown` or `blocks` (one of them, not both) out of the JSON answer: each carries the whole text. Both are sent by default. Event streams ignore it: their final event never repeats the text.',
  );

export function chatRequestSchema(maxMessageChars: number) {
  return z.strictObject({
    // Hidden characters could split a word past triage and the analyzers; they are removed first.
    message: z
      .string({ error: typeError('a string') })
      .overwrite(normalizeVisibleText)
      .trim()
      .min(1, 'must not be empty')
      .max(maxMessageChars, `must be at most ${maxMessageChars} characters`),
    audience: z.enum(['patient', 'professional'], { error: 'must be "patient" or "professional"' }).optional(),
    conversationId: z
      .string({ error: typeError('a string') })
      .regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a conversation id returned by this service')
      .optional(),
    /** Structured case facts; checked in detail by the rules' case schema. */
    case: z.unknown().optional(),
    omit: omitSchema.optional(),
  });
}

export type ChatRequest = z.infer<ReturnType<typeof chatRequestSchema>>;
