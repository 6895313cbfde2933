import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServices, type BuiltServices } from '../../src/services.js';

export const FIXTURE_KNOWLEDGE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'knowledge');
export const PACK_KNOWLEDGE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge');
export const PACK_RULES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

const cache = new Map<string, Promise<BuiltServices>>();

/** Services over a knowledge folder, built once per test file run. */
export function servicesFor(knowledgeDir: string = FIXTURE_KNOWLEDGE): Promise<BuiltServices> {
  let services = cache.get(knowledgeDir);
  if (!services) {
    // The bundled rules cite passages of the bundled pack, so they load with it only.
    services = loadServices({ knowledgeDir, ...(knowledgeDir === PACK_KNOWLEDGE ? { rulesDir: PACK_RULES } : {}) });
    cache.set(knowledgeDir, services);
  }
  return services;
}
