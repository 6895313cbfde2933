import type { ValidationCheck } from '../domain/types.js';

/** Every check a failure can name, for documents that list them (the OpenAPI document). */
export const VALIDATION_CHECKS = [
  'citation',
  'support',
  'number',
  'contradiction',
  'unknown-source',
  'reading-level',
  'heading',
  'meaning',
  'markup',
  'empty',
] as const satisfies readonly ValidationCheck[];
