import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

export type Throughput = { perSecond: number; errors: number; bytesPerResponse: number; cpuMicrosecondsPerRequest: number };

/** The server's CPU time so far (user + system, µs), asked of the child process over IPC. */
export function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { cpu: number }).cpu));
    child.send('cpu');
  });
}

/** For a benchmark server: answers 'cpu' messages with its CPU time so far. */
export function reportCpuOnRequest(): void {
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const usage = process.cpuUsage();
    process.send?.({ cpu: usage.user + usage.system });
  });
}

/**
 * POSTs JSON bodies in turn (each connection takes the next one) with a fixed number of connections for
 * a fixed time (autocannon: a fast client, so the server rather than the load generator is measured).
 * Returns requests/s, response bytes (headers and body) and the server's CPU time per request.
 */
export async function measureThroughput(url: string, bodies: readonly unknown[], options: { seconds: number; connections: number; server: ChildProcess }): Promise<Throughput> {
  const encoded = bodies.map((body) => JSON.stringify(body));
  let next = 0;
  const cpuBefore = await serverCpu(options.server);
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: encoded[next++ % encoded.length]! }) }],
    connections: options.connections,
    duration: options.seconds,
  });
  const cpu = (await serverCpu(options.server)) - cpuBefore;
  const requests = Math.max(1, result.requests.total);
  return {
    perSecond: result.requests.average,
    errors: result.errors + result.non2xx,
    bytesPerResponse: result.throughput.total / requests,
    cpuMicrosecondsPerRequest: cpu / requests,
  };
}
