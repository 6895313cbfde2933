export { validateDraft, splitClaims, publicFailures } from './validate-draft.js';
export type { Claim, ClaimFailure, ClaimKind, ValidationContext, ValidationReport } from './validate-draft.js';
export { normalizeVisibleText, normalizeDraft } from './visible-text.js';
export { extractCitations, parseCitations, stripCitations, CITATION_GROUP } from './citations.js';
export { parseMarkdown } from './markdown-structure.js';
export type { MarkdownBlock } from './markdown-structure.js';
export { extractQuantities } from './quantities.js';
export type { Quantity } from './quantities.js';
