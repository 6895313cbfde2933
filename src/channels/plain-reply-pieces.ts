import type { AnswerOutline } from './answer-outline.js';
import { reviewLabel, typeLabel } from './answer-outline.js';

/** How plain text marks its labels: WhatsApp bolds with *…*; SMS has no formatting at all. */
export type PlainStyle = { label(text: string): string; bullet: string; urgent: string };

// No emoji or bullet character in SMS: one character outside the GSM alphabet makes every segment 70 characters.
export const SMS_STYLE: PlainStyle = { label: (text) => text, bullet: '-', urgent: 'URGENT:' };
export const WHATSAPP_STYLE: PlainStyle = { label: (text) => `*${text}*`, bullet: '•', urgent: '🚨 *URGENT*' };

/**
 * The answer as plain lines: urgent notices first, the introduction, notices that replace an answer,
 * the title, the bottom line, the sections and the findings. Answer text is never marked up, because
 * neither SMS nor WhatsApp has a way to escape it.
 */
export function plainAnswerPieces(outline: AnswerOutline, intro: string | undefined, style: PlainStyle): string[] {
  const pieces: string[] = [];
  for (const urgent of outline.urgent) pieces.push(`${style.urgent} ${urgent}`, '');
  if (intro) pieces.push(intro, '');
  for (const notice of outline.leading) pieces.push(notice, '');
  pieces.push(style.label(outline.title));
  if (outline.summary) pieces.push(outline.summary);
  for (const part of outline.sections) {
    const heading = part.heading ?? (part.pitfalls ? 'Critical pitfalls' : undefined);
    pieces.push('');
    if (heading) pieces.push(style.label(heading));
    for (const item of part.items) pieces.push(item.kind === 'bullet' ? `${style.bullet} ${item.text}` : item.text);
  }
  for (const finding of outline.findings) pieces.push(`${finding.title}: ${finding.summary}`);
  return pieces;
}

/** The numbered sources with type and review status, then the caveats (review status, disclaimer). */
export function plainReferencePieces(outline: AnswerOutline, style: PlainStyle): string[] {
  const pieces: string[] = [];
  if (outline.references.length > 0) {
    pieces.push(style.label('Sources'));
    for (const reference of outline.references) {
      pieces.push(`[${reference.n}] ${reference.title}. ${reference.publisher}, ${reference.year}. ${typeLabel(reference.type)}; ${reviewLabel(reference.reviewStatus)}.`);
    }
  }
  if (outline.trailing.length > 0) pieces.push('', ...outline.trailing);
  return pieces;
}
