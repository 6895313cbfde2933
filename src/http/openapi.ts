import { Router } from 'express';
import { z } from 'zod';
import { caseSchema } from '../rules/case-schema.js';
import { VALIDATION_CHECKS } from '../validation/validation-checks.js';
import { chatRequestSchema } from './chat-request.js';

const json = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The API described for integrators; request schemas come from the same zod schemas that validate requests. */
export function openApiDocument(maxMessageChars: number) {
  const chatRequest = json(chatRequestSchema(maxMessageChars));
  (chatRequest.properties as Record<string, unknown>).case = { $ref: '#/components/schemas/Case' };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guideline Chat',
      version: '0.1.0',
      description: 'Answers clinical questions only from the guideline text it holds, with a numbered citation on every claim.',
    },
    paths: {
      '/v1/chat': {
        post: {
          summary: 'Ask a question (JSON answer, or server-sent events with Accept: text/event-stream)',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ChatRequest' } } } },
          responses: {
            200: {
              description:
                'An Answer (application/json; without `markdown` or `blocks` when the request\'s `omit` names it) or an event stream: ' +
                'meta, references, text… (each { text, kind, block }), optionally fallback ({ reason, check? }) followed by the extractive answer\'s blocks as text, ' +
                'then answer (a StreamedAnswer: what the stream has not carried yet) and done',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Answer' } },
                'text/event-stream': { schema: { type: 'string', description: 'Server-sent events; the `answer` event\'s data is a StreamedAnswer' } },
              },
            },
            400: errorResponse('Invalid input; each issue names the field'),
            404: errorResponse('Unknown conversation id'),
            413: errorResponse('Body too large'),
            415: errorResponse('Body is not JSON'),
            429: errorResponse('Rate limited'),
            503: errorResponse('Still starting'),
          },
        },
      },
      '/v1/chat/completions': { post: { summary: 'OpenAI-compatible chat completions (stream and non-stream); models guideline-chat and guideline-chat-patient', responses: { 200: { description: 'chat.completion or chat.completion.chunk events' } } } },
      '/v1/models': { get: { summary: 'OpenAI-compatible model list', responses: { 200: { description: 'The two models' } } } },
      '/v1/conversations/{id}': {
        get: { summary: 'A conversation with its turns', responses: { 200: { description: 'Conversation' }, 404: errorResponse('Unknown or expired conversation') } },
        delete: { summary: 'Forget a conversation', responses: { 204: { description: 'Deleted' }, 404: errorResponse('Unknown conversation') } },
      },
      '/v1/rules/evaluate': {
        post: {
          summary: 'Deterministic findings for a case, as CDS Hooks cards',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { case: { $ref: '#/components/schemas/Case' }, message: { type: 'string' } } } } } },
          responses: { 200: { description: '{ understoodFacts, cards, findings }' }, 400: errorResponse('Invalid case') },
        },
      },
      '/v1/knowledge': { get: { summary: 'The documents held, with review status and dates', responses: { 200: { description: '{ documents }' } } } },
      '/v1/knowledge/{id}': { get: { summary: 'One document with its passages', responses: { 200: { description: 'Document' }, 404: errorResponse('Unknown document') } } },
      '/healthz': { get: { summary: 'Alive', responses: { 200: { description: 'ok' } } } },
      '/readyz': { get: { summary: 'Ready once the knowledge is indexed', responses: { 200: { description: 'ready' }, 503: errorResponse('Not ready, or shutting down') } } },
      '/metrics': { get: { summary: 'Prometheus metrics (an operator key when keys are on)', responses: { 200: { description: 'Prometheus text format' }, 403: errorResponse('Not an operator key') } } },
      '/v1/keys': { get: { summary: 'The API keys, without their hashes (operator key)', responses: { 200: { description: '{ keys }' }, 403: errorResponse('Not an operator key') } } },
      '/v1/keys/{id}': { delete: { summary: 'Revoke an API key (operator key)', responses: { 204: { description: 'Revoked' }, 403: errorResponse('Not an operator key'), 404: errorResponse('No active key with this id') } } },
    },
    // With AUTH=on every /v1 route needs a key; with AUTH=off (the embedded default) none does.
    security: [{ apiKey: [] }, {}],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `npm run keys -- create`; required when the server runs with AUTH=on' } },
      schemas: {
        ChatRequest: chatRequest,
        Case: json(caseSchema),
        Answer: {
          type: 'object',
          description: 'One answer, as every surface renders it. Every sentence of `blocks` and `markdown` ends in [n] markers that point at `references`.',
          required: ['conversationId', 'question', 'standaloneQuestion', 'audience', 'title', 'blocks', 'markdown', 'references', 'findings', 'understood', 'understoodFacts', 'notices', 'followUps', 'mode', 'validation'],
          properties: {
            conversationId: { type: 'string' },
            question: { type: 'string' },
            standaloneQuestion: { type: 'string', description: 'The question answered: a follow-up rewritten to stand on its own' },
            audience: { type: 'string', enum: ['professional', 'patient'] },
            title: { type: 'string', description: 'The topic of the answer, built by the service from the question analysis' },
            blocks: {
              type: 'array',
              items: {
                type: 'object',
                required: ['kind', 'text', 'citations'],
                properties: { kind: { type: 'string', enum: ['summary', 'heading', 'bullet', 'paragraph', 'pitfall'] }, text: { type: 'string' }, citations: { type: 'array', items: { type: 'integer' } } },
              },
            },
            markdown: { type: 'string' },
            references: { type: 'array', items: { $ref: '#/components/schemas/Reference' } },
            findings: { type: 'array', items: { type: 'object', description: 'A rule or calculator result: id, title, summary, indicator, inputs, result, passageIds' } },
            understood: { $ref: '#/components/schemas/Understanding' },
            understoodFacts: { type: 'array', items: { type: 'string' }, description: 'The case facts read from the message and the case object' },
            notices: {
              type: 'array',
              items: {
                type: 'object',
                required: ['kind', 'text'],
                properties: {
                  kind: { type: 'string', enum: ['urgent', 'warning-signs', 'pending-review', 'out-of-scope', 'not-covered', 'professional-source', 'disclaimer'] },
                  text: { type: 'string' },
                },
              },
            },
            followUps: { type: 'array', items: { type: 'string' }, description: 'Questions the knowledge answers, to ask next' },
            mode: { type: 'string', enum: ['model', 'extractive'] },
            validation: { $ref: '#/components/schemas/Validation' },
          },
        },
        StreamedAnswer: {
          type: 'object',
          description:
            'The final `answer` event of a stream: the Answer less what the stream already carried. `markdown` is never sent (it is the blocks\' text again). ' +
            '`blocks` is left out when the `text` events since the last `fallback` are the blocks, one event per block (always, unless a model draft streamed sentence by sentence was delivered); ' +
            '`references` is left out when the `references` event holds them (always, unless a model draft was streamed: the delivered answer renumbers its references by first use). ' +
            'A client takes the field when present and what it was streamed otherwise.',
          required: ['conversationId', 'question', 'standaloneQuestion', 'audience', 'title', 'findings', 'understood', 'understoodFacts', 'notices', 'followUps', 'mode', 'validation'],
          properties: {
            conversationId: { type: 'string' },
            question: { type: 'string' },
            standaloneQuestion: { type: 'string' },
            audience: { type: 'string', enum: ['professional', 'patient'] },
            title: { type: 'string' },
            blocks: { description: 'Only when the text events were not the blocks', $ref: '#/components/schemas/Answer/properties/blocks' },
            references: { type: 'array', description: 'Only when the references event did not hold them', items: { $ref: '#/components/schemas/Reference' } },
            findings: { $ref: '#/components/schemas/Answer/properties/findings' },
            understood: { $ref: '#/components/schemas/Understanding' },
            understoodFacts: { type: 'array', items: { type: 'string' } },
            notices: { $ref: '#/components/schemas/Answer/properties/notices' },
            followUps: { type: 'array', items: { type: 'string' } },
            mode: { type: 'string', enum: ['model', 'extractive'] },
            validation: { $ref: '#/components/schemas/Validation' },
          },
        },
        Reference: {
          type: 'object',
          description: 'One reference per cited document (or rule finding), numbered 1..N in order of first use, listing the passages the answer quotes from it.',
          required: ['n', 'docId', 'title', 'publisher', 'year', 'type', 'reviewStatus', 'updated', 'passages'],
          properties: {
            n: { type: 'integer' },
            docId: { type: 'string', description: 'The document id, or "rules" for a rule finding' },
            title: { type: 'string' },
            publisher: { type: 'string' },
            year: { type: 'integer' },
            type: { type: 'string', description: 'guideline, consensus, drug-label, trial, review, patient-information, or rule-finding' },
            reviewStatus: { type: 'string', enum: ['submitted', 'under-review', 'approved'] },
            updated: { type: 'string' },
            url: { type: 'string' },
            passages: {
              type: 'array',
              items: { type: 'object', required: ['id', 'quote'], properties: { id: { type: 'string', description: 'docId#section-slug-n' }, quote: { type: 'string' } } },
            },
          },
        },
        Understanding: {
          type: 'object',
          description: 'What the question was understood to ask: its intent and the concepts it names, each marked covered or not by the answer.',
          required: ['intent', 'focus'],
          properties: {
            intent: { type: 'string', enum: ['dose', 'taken-with', 'choice', 'who', 'management', 'adverse-effects', 'definition', 'duration', 'monitoring', 'results', 'prognosis', 'when-to-seek-help', 'reason', 'general'] },
            focus: {
              type: 'array',
              items: {
                type: 'object',
                required: ['concept', 'type', 'covered'],
                properties: {
                  concept: { type: 'string' },
                  type: { type: 'string', enum: ['drug', 'drug-class', 'condition', 'subtype', 'biomarker', 'procedure', 'trial', 'population', 'setting', 'measure'] },
                  covered: { type: 'boolean' },
                },
              },
            },
          },
        },
        Validation: {
          type: 'object',
          description: 'What the validator did with the model draft (always "passed" with 0 attempts for an extractive answer).',
          required: ['status', 'attempts', 'claims', 'failures'],
          properties: {
            status: { type: 'string', enum: ['passed', 'repaired', 'fallback'] },
            attempts: { type: 'integer', description: 'Model calls made' },
            claims: { type: 'integer', description: 'Claims checked in the delivered answer' },
            failures: { type: 'array', items: { $ref: '#/components/schemas/Failure' }, description: 'Why the last rejected draft failed (on fallback)' },
          },
        },
        Failure: {
          type: 'object',
          description: 'One failed check. It never quotes the rejected model text, which stays in server debug logs.',
          required: ['check', 'reason'],
          additionalProperties: false,
          properties: {
            check: { type: 'string', enum: [...VALIDATION_CHECKS] },
            reason: { type: 'string' },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}

export function openApiRoutes(maxMessageChars: number): Router {
  const document = openApiDocument(maxMessageChars);
  const router = Router();
  router.get('/openapi.json', (_request, response) => {
    response.json(document);
  });
  return router;
}
