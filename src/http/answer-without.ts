import type { Answer } from '../domain/types.js';
import type { Omittable } from './chat-request.js';

/**
 * The answer as a JSON response: whole by default, or without the parts the client asked to leave
 * out (`markdown` and `blocks` each carry the whole text). The other fields keep their order.
 */
export function answerWithout(answer: Answer, omit: readonly Omittable[] | undefined): Partial<Answer> {
  if (!omit?.length) return answer;
  return Object.fromEntries(Object.entries(answer).filter(([key]) => !omit.includes(key as Omittable)));
}
