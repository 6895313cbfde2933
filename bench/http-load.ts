import autocannon from 'autocannon';

/**
 * POSTs the same JSON body with a fixed number of connections for a fixed time (autocannon: a fast
 * client, so the server rather than the load generator is what is measured). Returns requests/s.
 */
export async function measureThroughput(url: string, body: unknown, options: { seconds: number; connections: number }): Promise<{ perSecond: number; errors: number }> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections: options.connections,
    duration: options.seconds,
  });
  return { perSecond: result.requests.average, errors: result.errors + result.non2xx };
}
