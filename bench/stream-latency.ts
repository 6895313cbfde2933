// Time to the first `text` event of a server-sent event stream, against the time to a whole JSON
// answer, over the same questions asked one at a time; and the bytes of each kind of response.

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: readonly number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN);

async function streamed(url: string, body: string): Promise<{ firstTextMs: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body });
  const decoder = new TextDecoder();
  let seen = '';
  let bytes = 0;
  let at = Number.NaN;
  const reader = response.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    if (Number.isNaN(at)) {
      seen += decoder.decode(chunk.value, { stream: true });
      if (seen.includes('event: text')) at = performance.now() - started;
    }
  }
  return { firstTextMs: at, bytes };
}

async function json(url: string, body: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, bytes: response.ok ? bytes : Number.NaN };
}

export type StreamLatency = {
  /**
   * Medians (ms) over the questions whose answer has text (an out-of-scope answer has none), so that
   * both are timed on the same answers; and the median of their difference, question by question.
   */
  firstTextMs: number;
  jsonMs: number;
  firstTextMinusJsonMs: number;
  withText: number;
  /** Mean bytes of a body: the event stream, the JSON answer, and the JSON answer without `markdown` or `blocks` (NaN where refused). */
  streamBytes: number;
  jsonBytes: number;
  withoutMarkdownBytes: number;
  withoutBlocksBytes: number;
};

export async function measureStreamLatency(chatUrl: string, bodies: readonly Record<string, unknown>[]): Promise<StreamLatency> {
  const firstText: number[] = [];
  const jsonMs: number[] = [];
  const differences: number[] = [];
  const bytes = { stream: [] as number[], json: [] as number[], withoutMarkdown: [] as number[], withoutBlocks: [] as number[] };
  for (const [index, body] of bodies.entries()) {
    // Asked twice, the second answer is the quicker (caches are warm): each kind goes first in turn.
    const streamFirst = index % 2 === 0;
    const early = streamFirst ? await streamed(chatUrl, JSON.stringify(body)) : undefined;
    const whole = await json(chatUrl, JSON.stringify(body));
    const stream = early ?? (await streamed(chatUrl, JSON.stringify(body)));
    bytes.json.push(whole.bytes);
    bytes.stream.push(stream.bytes);
    if (!Number.isNaN(stream.firstTextMs)) {
      firstText.push(stream.firstTextMs);
      jsonMs.push(whole.ms);
      differences.push(stream.firstTextMs - whole.ms);
    }
    bytes.withoutMarkdown.push((await json(chatUrl, JSON.stringify({ ...body, omit: ['markdown'] }))).bytes);
    bytes.withoutBlocks.push((await json(chatUrl, JSON.stringify({ ...body, omit: ['blocks'] }))).bytes);
  }
  return {
    firstTextMs: firstText.length ? median(firstText) : Number.NaN,
    jsonMs: jsonMs.length ? median(jsonMs) : Number.NaN,
    firstTextMinusJsonMs: differences.length ? median(differences) : Number.NaN,
    withText: firstText.length,
    streamBytes: mean(bytes.stream),
    jsonBytes: mean(bytes.json),
    withoutMarkdownBytes: mean(bytes.withoutMarkdown),
    withoutBlocksBytes: mean(bytes.withoutBlocks),
  };
}
