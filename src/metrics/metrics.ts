import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Answer, TriageAlert } from '../domain/types.js';
import { routePattern } from '../http/route-pattern.js';

/**
 * The service's Prometheus metrics, on a registry of its own (several apps in one process, as in
 * tests, do not collide). Labels are route patterns and small fixed sets, never ids or text.
 */
export type Metrics = {
  registry: Registry;
  /** Times every request, labelled by route pattern, method and status. */
  requests: RequestHandler;
  answered(answer: Answer): void;
  triaged(alerts: readonly TriageAlert[]): void;
  /** Times one model call; `outcome` is ok, or the kind of failure. */
  modelCall(seconds: number, outcome: string): void;
  /** Wraps a store call to time it. */
  timeStore<T>(store: string, operation: string, work: () => Promise<T>): Promise<T>;
};

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'http_requests_in_flight', help: 'HTTP requests being answered.', registers: [registry] });
  const answers = new Counter({
    name: 'answers_total',
    help: 'Answers delivered, by mode (model or extractive) and validation outcome (passed, repaired, fallback).',
    labelNames: ['mode', 'validation'] as const,
    registers: [registry],
  });
  const triageAlerts = new Counter({ name: 'triage_alerts_total', help: 'Red-flag alerts raised, by kind.', labelNames: ['kind'] as const, registers: [registry] });
  const modelDuration = new Histogram({
    name: 'model_request_duration_seconds',
    help: 'Calls to the model, by outcome (ok, timeout, rate_limited, server_error, client_error, network).',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const modelErrors = new Counter({ name: 'model_errors_total', help: 'Failed calls to the model, by kind.', labelNames: ['kind'] as const, registers: [registry] });
  const storeDuration = new Histogram({
    name: 'store_operation_duration_seconds',
    help: 'Conversation store operations, by store and operation.',
    labelNames: ['store', 'operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });

  return {
    registry,
    requests(request, response, next) {
      const stop = requestDuration.startTimer();
      inFlight.inc();
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight.dec();
        stop({ route: routePattern(request), method: request.method, status: String(response.statusCode) });
      };
      response.once('finish', finish);
      response.once('close', finish);
      next();
    },
    answered(answer) {
      answers.inc({ mode: answer.mode, validation: answer.validation.status });
    },
    triaged(alerts) {
      for (const alert of alerts) triageAlerts.inc({ kind: alert.id });
    },
    modelCall(seconds, outcome) {
      modelDuration.observe({ outcome }, seconds);
      if (outcome !== 'ok') modelErrors.inc({ kind: outcome });
    },
    async timeStore(store, operation, work) {
      const stop = storeDuration.startTimer({ store, operation });
      try {
        return await work();
      } finally {
        stop();
      }
    },
  };
}
