import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/types.js';
import { readCompletionRequest } from '../../src/http/openai-routes.js';
import { servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';

// A user message is normalised where the HTTP layer reads it: NFKC, no format characters (zero-width,
// bidi, soft hyphen) and no control characters, so they cannot split a word past triage or retrieval.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(await servicesFor());
});
afterAll(() => server.close());

const post = (body: unknown) => fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('hidden characters in user messages', () => {
  it('are removed from the message before it is answered', async () => {
    const response = await post({ message: 'How is den\u200Bosu\u00ADmab gi\u202Even\u0007?' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer.question).toBe('How is denosumab given?');
    expect(answer.references.length).toBeGreaterThan(0);
  });

  it('make a message of nothing else a 400 naming the field', async () => {
    const response = await post({ message: '\u200B\u2060\uFEFF \u0008' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', issues: [{ path: 'message', message: 'must not be empty' }] } });
  });

  it('are removed on the OpenAI-compatible route, from the question and the earlier messages', () => {
    const request = readCompletionRequest(
      {
        model: 'guideline-chat',
        messages: [
          { role: 'user', content: 'How is deno\u200Bsumab given?' },
          { role: 'user', content: [{ type: 'text', text: 'and how of\u00ADten?' }] },
        ],
      },
      4000,
    );
    expect(request.message).toBe('and how often?');
    expect(request.history.map((turn) => turn.question)).toEqual(['How is denosumab given?']);
  });

  it('turn fullwidth letters and digits into plain ones (NFKC)', async () => {
    const response = await post({ message: 'Ｈｏｗ is denosumab given every ４ weeks?' });
    expect(((await response.json()) as Answer).question).toBe('How is denosumab given every 4 weeks?');
  });
});
