// Time to the first `text` event of a server-sent event stream, against the time to a whole JSON
// answer, over the same questions asked one at a time.

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeToFirstText(url: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body });
  const decoder = new TextDecoder();
  let seen = '';
  let at = Number.NaN;
  const reader = response.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    seen += decoder.decode(chunk.value, { stream: true });
    if (Number.isNaN(at) && seen.includes('event: text')) at = performance.now() - started;
  }
  return at;
}

async function timeToJson(url: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.arrayBuffer();
  return performance.now() - started;
}

/** Medians (ms) over the questions given; a stream without any text event counts as not a number. */
export async function measureStreamLatency(chatUrl: string, bodies: readonly unknown[]): Promise<{ firstTextMs: number; jsonMs: number; withText: number }> {
  const encoded = bodies.map((body) => JSON.stringify(body));
  const firstText: number[] = [];
  const json: number[] = [];
  for (const body of encoded) {
    json.push(await timeToJson(chatUrl, body));
    const at = await timeToFirstText(chatUrl, body);
    if (!Number.isNaN(at)) firstText.push(at);
  }
  return { firstTextMs: firstText.length ? median(firstText) : Number.NaN, jsonMs: median(json), withText: firstText.length };
}
