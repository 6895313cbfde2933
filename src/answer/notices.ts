import type { Audience, Notice, Reference } from '../domain/types.js';

const DISCLAIMER: Record<Audience, string> = {
  professional:
    'This summary of the cited guidelines is educational, not a diagnosis: it supports, and does not replace, clinical judgement.',
  patient:
    'This is general information to help you learn, not a diagnosis or medical advice. Talk to your care team about what is right for you.',
};

const OUT_OF_SCOPE: Record<Audience, string> = {
  professional:
    'This question is not covered by the guideline documents this service holds, so no answer is given. GET /v1/knowledge lists the documents held.',
  patient:
    'I could not find this in the health information I hold, so I cannot answer it. Please ask your care team.',
};

export function disclaimerNotice(audience: Audience): Notice {
  return { kind: 'disclaimer', text: DISCLAIMER[audience] };
}

export function outOfScopeNotice(audience: Audience): Notice {
  return { kind: 'out-of-scope', text: OUT_OF_SCOPE[audience] };
}

/** Says which cited documents are not yet approved by the medical advisory board, if any. */
export function pendingReviewNotice(references: readonly Reference[], audience: Audience): Notice | undefined {
  const pending = [...new Set(references.filter((reference) => reference.reviewStatus !== 'approved' && reference.type !== 'rule-finding').map((reference) => reference.title))];
  if (pending.length === 0) return undefined;
  const lead =
    audience === 'patient'
      ? 'Some of the information used here is still being checked by our medical reviewers'
      : 'Some cited content has not yet been approved by the medical advisory board (submitted or under review)';
  return { kind: 'pending-review', text: `${lead}: ${pending.join('; ')}.` };
}
