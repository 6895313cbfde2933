import { newConversationId } from '../../src/conversation/conversation-store.js';
import { createSqliteConversationStore } from '../../src/conversation/sqlite-conversation-store.js';
import type { Answer } from '../../src/domain/types.js';

// A process that appends turns as fast as it can, many in flight at once (so they are committed in
// groups), and reports each one the store acknowledged; the test kills it with SIGKILL mid-stream.
const store = createSqliteConversationStore({ path: process.argv[2]!, retentionDays: 30, checkpointIntervalMs: 50 });
const answer = (question: string): Answer => ({
  conversationId: 'x',
  question,
  standaloneQuestion: question,
  audience: 'professional',
  title: question,
  blocks: [{ kind: 'paragraph', text: `${question} [1]`, citations: [1] }],
  markdown: `${question} [1]`,
  references: [],
  findings: [],
  understood: { intent: 'general', focus: [] },
  understoodFacts: [],
  notices: [],
  followUps: [],
  mode: 'extractive',
  validation: { status: 'passed', attempts: 0, claims: 1, failures: [] },
});

let sent = 0;
function appendSome(): void {
  for (let i = 0; i < 20; i += 1) {
    const id = newConversationId();
    const question = `question ${(sent += 1)}`;
    void store.appendTurn(id, { question, standaloneQuestion: question, audience: 'professional', answer: answer(question) }).then((saved) => {
      if (saved) process.send?.({ acknowledged: id });
    });
  }
  setImmediate(appendSome);
}
appendSome();
