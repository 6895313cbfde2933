import express, { Router } from 'express';
import { z } from 'zod';
import type { KnowledgeBase } from '../domain/types.js';
import { AppError } from '../errors.js';
import { describeFacts, extractCaseFacts, mergeCaseFacts } from '../rules/extract-facts.js';
import type { RulesEngine } from '../rules/rules-engine.js';
import { toCdsCard } from '../rules/to-cds-card.js';
import { requireJson } from './error-handler.js';
import { caseFromBody } from './parse-case.js';
import { validateBody } from './validate-body.js';

const evaluateSchema = z
  .strictObject({
    case: z.unknown().optional(),
    message: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters').optional(),
  })
  .refine((body) => body.case !== undefined || body.message !== undefined, { message: 'send a case object, a message, or both', path: ['case'] });

/** Findings alone, as CDS Hooks cards: for integrators who want the deterministic layer without an answer. */
export function rulesRoutes(services: () => { knowledge: KnowledgeBase; rules?: RulesEngine }, bodyLimit: string): Router {
  const router = Router();
  router.post('/v1/rules/evaluate', requireJson, express.json({ limit: bodyLimit }), (request, response) => {
    const body = validateBody(evaluateSchema, request.body);
    const explicit = caseFromBody(body.case);
    const { knowledge, rules } = services();
    if (!rules) throw new AppError('not_ready', 'No rules are loaded.');
    const facts = mergeCaseFacts(body.message ? extractCaseFacts(body.message) : {}, explicit ?? {});
    const findings = rules.evaluate(facts);
    const passageTitle = (id: string) => {
      const passage = knowledge.passages.find((candidate) => candidate.id === id);
      return passage ? knowledge.documents.find((document) => document.id === passage.docId)?.title : undefined;
    };
    response.json({
      understoodFacts: describeFacts(facts),
      cards: findings.map((finding) => toCdsCard(finding, { sourceLabel: 'Guideline Chat rules', passageTitle })),
      findings,
    });
  });
  return router;
}
