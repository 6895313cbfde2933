import { Router } from 'express';
import type { KnowledgeBase, KnowledgeDocument } from '../domain/types.js';
import { AppError } from '../errors.js';

function summary(document: KnowledgeDocument) {
  const { file: _file, ...rest } = document;
  return rest;
}

/** Lists the documents held, with review status and dates, and shows one with its passages. */
export function knowledgeRoutes(knowledge: () => KnowledgeBase): Router {
  const router = Router();
  router.get('/v1/knowledge', (_request, response) => {
    response.json({ documents: knowledge().documents.map(summary) });
  });
  router.get('/v1/knowledge/:id', (request, response) => {
    const base = knowledge();
    const document = base.documents.find((candidate) => candidate.id === request.params.id);
    if (!document) throw new AppError('not_found', `No knowledge document with id "${request.params.id}".`);
    const passages = base.passages
      .filter((passage) => passage.docId === document.id)
      .map(({ id, section, text, pitfall }) => ({ id, section, text, pitfall }));
    response.json({ ...summary(document), passages });
  });
  return router;
}
