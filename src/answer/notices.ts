import type { Audience, Notice, Reference, ScopeDeclaration } from '../domain/types.js';

const DISCLAIMER: Record<Audience, string> = {
  professional:
    'This summary of the cited guidelines is educational, not a diagnosis: it supports, and does not replace, clinical judgement.',
  patient:
    'This is general information to help you learn, not a diagnosis or medical advice. Talk to your care team about what is right for you. ' +
    // Red-flag triage reads many wordings but not every one (README, Rules and triage): every patient
    // answer says where to turn with a new symptom, as the patient warning-signs leaflet does.
    "If you have a new symptom or feel unwell, do not wait for an answer here: call your cancer team's 24-hour line, or an ambulance if you feel very ill.",
};

const OUT_OF_SCOPE: Record<Audience, string> = {
  professional:
    'This question is not covered by the guideline documents this service holds, so no answer is given.',
  patient:
    'I could not find this in the health information I hold, so I cannot answer it. Please ask your care team.',
};

function joinPhrases(phrases: readonly string[]): string {
  const unique = [...new Set(phrases)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

export function disclaimerNotice(audience: Audience): Notice {
  return { kind: 'disclaimer', text: DISCLAIMER[audience] };
}

/**
 * The out-of-scope answer. It names what was recognised: a subject the knowledge declares it does not
 * cover ("adjuvant treatment of early breast cancer"), or the fact asked for that nothing held states.
 */
export function outOfScopeNotice(audience: Audience, reason: { scope?: ScopeDeclaration | undefined; outOfScope?: readonly string[]; missing?: readonly string[] } = {}): Notice {
  const { scope, outOfScope = [], missing = [] } = reason;
  if (scope && outOfScope.length > 0) {
    const text =
      audience === 'patient'
        ? `The information I hold is about ${scope.covers.patient}. It does not cover ${joinPhrases(outOfScope)}, so I cannot answer this. Please ask your care team.`
        : `The guidelines held cover ${scope.covers.professional}; they do not cover ${joinPhrases(outOfScope)}, so no answer is given.`;
    return { kind: 'out-of-scope', text };
  }
  if (missing.length > 0) {
    const list = joinPhrases(missing).replace(/ or ([^,]+)$/, ' or $1');
    const text =
      audience === 'patient'
        ? `The information I hold does not cover ${list}, so I cannot answer this. Please ask your care team.`
        : `The guidelines held do not cover ${list}, so no answer is given.`;
    return { kind: 'out-of-scope', text };
  }
  return { kind: 'out-of-scope', text: OUT_OF_SCOPE[audience] };
}

/** A part of the question that nothing held answers: said plainly, never padded. */
export function notCoveredNotice(audience: Audience, parts: readonly string[]): Notice {
  const list = joinPhrases(parts).replace(/ or ([^,]+)$/, ' and $1');
  const text =
    audience === 'patient'
      ? `The information I hold does not cover ${list}. Please ask your care team about this.`
      : `The guidelines held do not cover ${list}; the answer below is limited to what they state.`;
  return { kind: 'not-covered', text };
}

/**
 * The person's circumstance that the answer does not speak to ("while I'm taking letrozole"): the
 * knowledge may hold it elsewhere, so this says the answer does not address it, not that nothing held covers it.
 */
export function unaddressedNotice(audience: Audience, circumstances: readonly string[]): Notice {
  const list = joinPhrases(circumstances).replace(/ or ([^,]+)$/, ' and $1');
  const text =
    audience === 'patient'
      ? `The information below does not say anything about ${list}. Please ask your care team how this applies to you.`
      : `The passages below do not address ${list}; the answer is limited to what they state.`;
  return { kind: 'not-covered', text };
}

/**
 * A medicine the answer speaks of only through its class: what is said of aromatase inhibitors holds for
 * letrozole, but the reader should know that the text held does not name it.
 */
export function onlyByClassNotice(audience: Audience, medicines: ReadonlyArray<{ name: string; drugClass: string }>): Notice {
  const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
  const parts = medicines.map(({ name, drugClass }) => `${name} only as ${article(drugClass)} ${drugClass}`);
  const list = joinPhrases(parts).replace(/ or ([^,]+)$/, ' and $1');
  const text =
    audience === 'patient'
      ? `The information I hold speaks of ${list}, not by name. Please ask your care team how this applies to you.`
      : `The guidelines held speak of ${list}, not by name; the answer below is limited to what they state.`;
  return { kind: 'not-covered', text };
}

/** A patient answer that had to quote text written for healthcare professionals says so. */
export function professionalSourceNotice(): Notice {
  return {
    kind: 'professional-source',
    text: 'Part of this answer comes from information written for doctors and nurses, because the information for patients does not cover it. Your care team can explain it.',
  };
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
