import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubSite = { url: string; close(): Promise<void> };

/**
 * A stand-in for someone else's web site on another loopback port: serves one HTML page, and
 * optionally its own /v1/chat (to stream scripted events with real pauses between them).
 */
export async function startStubSite(
  html: (url: string) => string,
  chat?: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<StubSite> {
  let url = '';
  const server = createServer((request, response) => {
    if (request.url === '/v1/chat' && chat) return chat(request, response);
    if (request.url === '/' || request.url?.startsWith('/?')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(html(url));
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
