import type { Answer, Block, Reference } from '../../src/domain/types.js';

/** A server-sent event as the tests see it; comments (`: ping`) are kept as event 'comment'. */
export type ServerEvent = { event: string; data: string; json: unknown };

export function parseEvents(text: string): ServerEvent[] {
  const events: ServerEvent[] = [];
  for (const chunk of text.split('\n\n')) {
    if (!chunk.trim()) continue;
    let event = 'message';
    const data: string[] = [];
    for (const line of chunk.split('\n')) {
      if (line.startsWith(':')) events.push({ event: 'comment', data: line.slice(1).trim(), json: undefined });
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) continue;
    const joined = data.join('\n');
    let json: unknown;
    try {
      json = JSON.parse(joined);
    } catch {
      json = undefined;
    }
    events.push({ event, data: joined, json });
  }
  return events;
}

/** Posts a chat message asking for an event stream; returns the response and its parsed events. */
export async function postChatStream(baseUrl: string, body: unknown): Promise<{ response: Response; events: ServerEvent[] }> {
  const response = await fetch(`${baseUrl}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, events: response.headers.get('content-type')?.startsWith('text/event-stream') ? parseEvents(text) : [] };
}

export function dataOf<T>(events: readonly ServerEvent[], name: string): T[] {
  return events.filter((event) => event.event === name).map((event) => event.json as T);
}

/**
 * The answer a client puts together from a chat stream: the final `answer` event, with the blocks
 * of the `text` events after the last `fallback` (one event per block, citations read from the
 * markers) and the references of the `references` event where the final event leaves them out.
 */
export function streamedAnswer(events: readonly ServerEvent[]): Omit<Answer, 'markdown'> {
  const final = dataOf<Partial<Answer>>(events, 'answer')[0];
  if (!final) throw new Error('the stream carried no answer event');
  const lastFallback = events.map((event) => event.event).lastIndexOf('fallback');
  const texts = events.slice(lastFallback + 1).filter((event) => event.event === 'text').map((event) => event.json as { text: string; kind: Block['kind'] });
  const blocks = texts.map(({ text, kind }) => ({ kind, text, citations: [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))] }));
  const references = dataOf<{ references: Reference[] }>(events, 'references')[0]?.references ?? [];
  return { ...final, blocks: final.blocks ?? blocks, references: final.references ?? references } as Omit<Answer, 'markdown'>;
}
