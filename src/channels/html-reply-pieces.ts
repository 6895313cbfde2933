import type { ChannelReply } from './channel.js';
import { outlineAnswer, reviewLabel, typeLabel } from './answer-outline.js';

/** Only <, > and & are special in the HTML subsets Telegram and Teams read; everything else is shown as written. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function link(url: string | undefined, label: string): string {
  if (url && /^https?:\/\/\S+$/.test(url)) return `<a href="${escapeHtml(url).replace(/"/g, '&quot;')}">${escapeHtml(label)}</a>`;
  return escapeHtml(label);
}

/**
 * A reply as lines of HTML using only <b>, <i> and <a href>, which every HTML-reading platform
 * accepts: urgent notices first, the answer with [n] markers, numbered references with their review
 * status, caveats and the answer-page link. An empty line separates parts. Each line is whole
 * markup, so a message can be cut between any two lines.
 */
export function htmlReplyPieces(reply: ChannelReply): string[] {
  const pieces: string[] = [];
  if (reply.kind === 'notice') {
    if (reply.intro) pieces.push(`<i>${escapeHtml(reply.intro)}</i>`, '');
    pieces.push(escapeHtml(reply.text));
    return pieces;
  }
  const outline = outlineAnswer(reply.answer);
  for (const urgent of outline.urgent) pieces.push('🚨 <b>URGENT</b>', `<b>${escapeHtml(urgent)}</b>`, '');
  if (reply.intro) pieces.push(`<i>${escapeHtml(reply.intro)}</i>`, '');
  for (const notice of outline.leading) pieces.push(`ℹ️ ${escapeHtml(notice)}`, '');
  pieces.push(`<b>${escapeHtml(outline.title)}</b>`);
  if (outline.understood) pieces.push(`<i>Answering: ${escapeHtml(outline.understood)}</i>`);
  if (outline.summary) pieces.push('', '<b>Bottom line</b>', escapeHtml(outline.summary));
  for (const part of outline.sections) {
    const heading = part.heading ?? (part.pitfalls ? 'Critical pitfalls' : undefined);
    pieces.push('');
    if (heading) pieces.push(`${part.pitfalls ? '⚠️ ' : ''}<b>${escapeHtml(heading)}</b>`);
    for (const item of part.items) pieces.push(item.kind === 'bullet' ? `• ${escapeHtml(item.text)}` : escapeHtml(item.text));
  }
  if (outline.findings.length > 0) {
    pieces.push('', '<b>Calculated from the case</b>');
    for (const finding of outline.findings) pieces.push(`• <b>${escapeHtml(finding.title)}:</b> ${escapeHtml(finding.summary)}`);
  }
  if (outline.references.length > 0) {
    pieces.push('', '<b>References</b>');
    for (const reference of outline.references) {
      pieces.push(
        `[${reference.n}] ${link(reference.url, reference.title)}. ${escapeHtml(`${reference.publisher}, ${reference.year}. ${typeLabel(reference.type)} · ${reviewLabel(reference.reviewStatus)} · updated ${reference.updated}`)}`,
      );
    }
  }
  if (outline.trailing.length > 0) pieces.push('', ...outline.trailing.map((text) => `<i>${escapeHtml(text)}</i>`));
  if (reply.link) pieces.push('', link(reply.link, 'Open the full answer with its sources'));
  return pieces;
}
