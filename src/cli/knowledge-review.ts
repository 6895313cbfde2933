import { parseArgs } from 'node:util';
import { REVIEW_ACTIONS, type ReviewAction } from '../knowledge/record-review.js';
import { reviewDocument } from '../knowledge/review-document.js';

// Usage: npm run knowledge:review -- <submit|start-review|approve> <document-id> [--by "<name>"] [--date YYYY-MM-DD] [--dir knowledge]
// approve pins the approval to the current text; any later edit makes knowledge:check report it and
// answers show it as pending review until it is approved again.
const USAGE = `usage: npm run knowledge:review -- <${REVIEW_ACTIONS.join('|')}> <document-id> [--by "<name>"] [--date YYYY-MM-DD] [--dir knowledge]`;

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { by: { type: 'string' }, date: { type: 'string' }, dir: { type: 'string' } },
  });
  const [action, id, ...extra] = positionals;
  if (!action || !id || extra.length > 0) throw new Error(USAGE);
  if (!(REVIEW_ACTIONS as readonly string[]).includes(action)) throw new Error(`unknown action "${action}"; ${USAGE}`);
  const dir = values.dir ?? process.env.KNOWLEDGE_DIR ?? 'knowledge';
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  const file = await reviewDocument(dir, id, action as ReviewAction, { ...(values.by ? { by: values.by } : {}), date });
  console.log(`${id} (${file}): ${action} recorded on ${date}${values.by ? ` by ${values.by}` : ''}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
