import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';

const ALLOWED = 'https://clinic.example.org';
const OTHER = 'https://evil.example.com';

const services = await servicesFor();
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(services, { widgetOrigins: [ALLOWED, 'http://localhost:8080'] });
});
afterAll(() => server.close());

describe('GET /widget.js', () => {
  it('serves the bundled widget as JavaScript with cache headers, an ETag and cross-origin loading allowed', async () => {
    const response = await fetch(`${server.url}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{20,}"$/);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const code = await response.text();
    expect(code).toContain('guideline-chat');
    expect(code).not.toMatch(/\bimport\s*[{*]|\bexport\s*[{*]|sourceMappingURL/);
    expect(code).not.toContain('innerHTML');
  });

  it('answers 304 to a matching If-None-Match, and the ETag is stable between requests', async () => {
    const first = await fetch(`${server.url}/widget.js`);
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await fetch(`${server.url}/widget.js`);
    expect(again.headers.get('etag')).toBe(etag);
    await again.arrayBuffer();
    const revalidated = await fetch(`${server.url}/widget.js`, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    const changed = await fetch(`${server.url}/widget.js`, { headers: { 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);
  });
});

describe('GET / (demo page)', () => {
  it('is an HTML page that explains the service, links the API and loads the widget open', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<h1>Guideline Chat</h1>');
    expect(html).toContain('href="/v1/knowledge"');
    expect(html).toMatch(/<script src="\/widget\.js"[^>]*data-open="true"[^>]*async><\/script>/);
    expect(html).not.toMatch(/<script>(?!<)/); // no inline script: the page works under helmet's CSP
  });
});

describe('CORS for the widget', () => {
  const chat = (origin: string) =>
    fetch(`${server.url}/v1/chat`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'denosumab dose' }),
    });

  it('lets an allowed origin read API responses', async () => {
    const response = await chat(ALLOWED);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('vary')).toContain('Origin');
    const knowledge = await fetch(`${server.url}/v1/knowledge`, { headers: { origin: 'http://localhost:8080' } });
    expect(knowledge.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
  });

  it('gives any other origin no Access-Control-Allow-Origin, so its browser refuses the response', async () => {
    const response = await chat(OTHER);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const lookalike = await chat(`${ALLOWED}.evil.example.com`);
    expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the preflight for an allowed origin with the method and headers the widget sends', async () => {
    const response = await fetch(`${server.url}/v1/chat`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, accept' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('answers the preflight for another origin without allowing it', async () => {
    const response = await fetch(`${server.url}/v1/chat`, {
      method: 'OPTIONS',
      headers: { origin: OTHER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('puts CORS headers on a 429 too, so the widget can show "slow down" instead of a network error', async () => {
    const limited = await startServer(services, { rateLimitPerMinute: 1, widgetOrigins: [ALLOWED] });
    try {
      const send = () =>
        fetch(`${limited.url}/v1/chat`, { method: 'POST', headers: { origin: ALLOWED, 'content-type': 'application/json' }, body: '{"message":"denosumab"}' });
      await (await send()).arrayBuffer();
      const second = await send();
      expect(second.status).toBe(429);
      expect(second.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    } finally {
      await limited.close();
    }
  });

  it('allows no origin when none is configured', async () => {
    const closed = await startServer(services);
    try {
      const response = await fetch(`${closed.url}/v1/knowledge`, { headers: { origin: ALLOWED } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.close();
    }
  });
});

describe('WIDGET_ORIGINS', () => {
  it('reads a comma- or space-separated list of exact origins, empty by default', async () => {
    const { readConfig } = await import('../../src/config.js');
    expect(readConfig({}).WIDGET_ORIGINS).toEqual([]);
    expect(readConfig({ WIDGET_ORIGINS: 'https://a.example.org, http://localhost:8080/  https://b.example.org:8443' }).WIDGET_ORIGINS).toEqual([
      'https://a.example.org',
      'http://localhost:8080',
      'https://b.example.org:8443',
    ]);
  });

  it.each(['*', 'a.example.org', 'https://a.example.org/path', 'ftp://a.example.org'])('refuses %s, naming the variable', async (value) => {
    const { readConfig } = await import('../../src/config.js');
    expect(() => readConfig({ WIDGET_ORIGINS: value })).toThrow(/WIDGET_ORIGINS: .*is not an origin/);
  });
});
