import { z } from 'zod';

export function chatRequestSchema(maxMessageChars: number) {
  return z.strictObject({
    message: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(maxMessageChars, `must be at most ${maxMessageChars} characters`),
    audience: z.enum(['patient', 'professional'], { error: 'must be "patient" or "professional"' }).optional(),
    conversationId: z
      .string({ error: 'must be a string' })
      .regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a conversation id returned by this service')
      .optional(),
  });
}

export type ChatRequest = z.infer<ReturnType<typeof chatRequestSchema>>;
