import { AppError } from '../errors.js';
import { parseCase, type CaseFacts } from '../rules/case-schema.js';

/** Validates a request's `case` object; impossible values are a 400 naming the field (`case.creatinine.value`). */
export function caseFromBody(value: unknown): Partial<CaseFacts> | undefined {
  if (value === undefined) return undefined;
  const parsed = parseCase(value);
  if (parsed.ok) return parsed.facts;
  const issues = parsed.issues.map((issue) => ({ path: issue.path === '(case)' ? 'case' : `case.${issue.path}`, message: issue.message }));
  throw new AppError('invalid_request', `Invalid request: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}.`, issues);
}
