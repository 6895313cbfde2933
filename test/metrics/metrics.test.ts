import { describe, expect, it } from 'vitest';
import { generateKey } from '../../src/auth/api-key.js';
import { createSqliteKeyStore } from '../../src/auth/sqlite-key-store.js';
import { createMemoryConversationStore } from '../../src/conversation/memory-conversation-store.js';
import type { Answer } from '../../src/domain/types.js';
import { instrumentStore, instrumentedFetch } from '../../src/metrics/instrument.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { buildServices } from '../../src/services.js';
import type { Triage } from '../../src/triage/triage.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer } from '../helpers/http-server.js';

const pack = await servicesFor(PACK_KNOWLEDGE);

/** The value of one sample line of the exposition, 0 when absent. */
function sample(text: string, line: string): number {
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

describe('/metrics', () => {
  it('counts requests by route pattern, answers by mode and validation, triage alerts by kind, and store calls', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const loaded = pack.triage!;
    const countedTriage: Triage = {
      ...loaded,
      triage: (text, audience) => {
        const alerts = loaded.triage(text, audience);
        metrics.triaged(alerts);
        return alerts;
      },
    };
    const services = buildServices(pack.knowledge, { triage: countedTriage });
    const server = await startServer(services, { metrics, conversations: instrumentStore(createMemoryConversationStore(), metrics, 'memory') });
    try {
      const answer = (await (await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"I have new leg weakness and numbness in the saddle area"}' })).json()) as Answer;
      await fetch(`${server.url}/v1/conversations/${answer.conversationId}`);
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(sample(text, 'http_request_duration_seconds_count{route="/v1/chat",method="POST",status="200"}')).toBe(1);
      expect(sample(text, 'http_request_duration_seconds_count{route="/v1/conversations/:id",method="GET",status="200"}')).toBe(1);
      expect(text).not.toContain(answer.conversationId);
      expect(sample(text, 'answers_total{mode="extractive",validation="passed"}')).toBe(1);
      expect(sample(text, 'triage_alerts_total{kind="spinal-cord-compression"}')).toBe(1);
      expect(sample(text, 'store_operation_duration_seconds_count{store="memory",operation="append"}')).toBe(1);
      expect(sample(text, 'store_operation_duration_seconds_count{store="memory",operation="get"}')).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('times model calls and counts their failures by kind, through the model client\'s fetch', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const statuses = [200, 500, 429];
    const fetcher = instrumentedFetch(metrics, async () => new Response('{}', { status: statuses.shift() ?? 200 }));
    for (let i = 0; i < 3; i += 1) await fetcher('http://model.invalid/v1/chat/completions');
    const failing = instrumentedFetch(metrics, async () => {
      throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    });
    await expect(failing('http://model.invalid/')).rejects.toThrow('timed out');
    const text = await metrics.registry.metrics();
    expect(sample(text, 'model_request_duration_seconds_count{outcome="ok"}')).toBe(1);
    expect(sample(text, 'model_errors_total{kind="server_error"}')).toBe(1);
    expect(sample(text, 'model_errors_total{kind="rate_limited"}')).toBe(1);
    expect(sample(text, 'model_errors_total{kind="timeout"}')).toBe(1);
  });

  it('is for operator keys only when keys are on', async () => {
    const keys = createSqliteKeyStore({ path: ':memory:' });
    const client = generateKey({ name: 'site', kind: 'secret', role: 'client', origins: [] });
    const operator = generateKey({ name: 'ops', kind: 'secret', role: 'operator', origins: [] });
    await keys.add(client.key);
    await keys.add(operator.key);
    const server = await startServer(pack, { metrics: createMetrics({ defaultMetrics: false }), auth: { mode: 'on', keys } });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${client.token}` } })).status).toBe(403);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${operator.token}` } })).status).toBe(200);
    } finally {
      await server.close();
      await keys.close();
    }
  });
});
