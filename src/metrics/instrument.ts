import type { Services } from '../app.js';
import type { ConversationStore } from '../conversation/conversation-store.js';
import type { Metrics } from './metrics.js';

/** A fetch for the model client that times each call and names how it failed. */
export function instrumentedFetch(metrics: Metrics, fetcher: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await fetcher(input, init);
      const status = response.status;
      metrics.modelCall(seconds(), status < 400 ? 'ok' : status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'client_error');
      return response;
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      metrics.modelCall(seconds(), name === 'AbortError' || name === 'TimeoutError' ? 'timeout' : 'network');
      throw error;
    }
  };
}

/** The same store, each call timed under `name`. */
export function instrumentStore(store: ConversationStore, metrics: Metrics, name: string): ConversationStore {
  return {
    get: (id) => metrics.timeStore(name, 'get', () => store.get(id)),
    appendTurn: (id, turn) => metrics.timeStore(name, 'append', () => store.appendTurn(id, turn)),
    delete: (id) => metrics.timeStore(name, 'delete', () => store.delete(id)),
    purgeExpired: () => metrics.timeStore(name, 'purge', () => store.purgeExpired()),
    close: () => store.close(),
  };
}

const observed = new WeakMap<Services, Services>();

/** The same services, every delivered answer counted by mode and validation outcome. */
export function observeAnswers(services: Services, metrics: Metrics): Services {
  let wrapped = observed.get(services);
  if (wrapped) return wrapped;
  const { answerStream } = services;
  wrapped = {
    ...services,
    async answer(request, signal) {
      const answer = await services.answer(request, signal);
      metrics.answered(answer);
      return answer;
    },
    ...(answerStream
      ? {
          async answerStream(request, signal) {
            const prepared = await answerStream(request, signal);
            if (!('deltas' in prepared)) {
              metrics.answered(prepared);
              return prepared;
            }
            return {
              ...prepared,
              async finish(outcome) {
                const answer = await prepared.finish(outcome);
                metrics.answered(answer);
                return answer;
              },
            };
          },
        }
      : {}),
  };
  observed.set(services, wrapped);
  return wrapped;
}
