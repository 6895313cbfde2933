import nock from 'nock';

export const MODEL_ORIGIN = 'http://model.test';
export const MODEL_BASE_URL = `${MODEL_ORIGIN}/v1`;

/** A chat completion body as an OpenAI-compatible server returns it. */
export function completion(content: string | null) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

export type RecordedRequest = { model: string; messages: Array<{ role: string; content: string }>; max_tokens: number; temperature: number; stream?: boolean };

/** Scripts the model's replies in order; every request body is recorded for assertions. */
export function scriptModel(replies: Array<{ status: number; body: unknown; delayMs?: number; headers?: Record<string, string> }>) {
  const requests: RecordedRequest[] = [];
  const scope = nock(MODEL_ORIGIN);
  for (const reply of replies) {
    const interceptor = scope.post('/v1/chat/completions', (body: RecordedRequest) => {
      requests.push(body);
      return true;
    });
    (reply.delayMs ? interceptor.delay(reply.delayMs) : interceptor).reply(reply.status, reply.body as nock.Body, {
      'content-type': 'application/json',
      'retry-after-ms': '1',
      ...reply.headers,
    });
  }
  return { scope, requests };
}
