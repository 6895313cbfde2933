import type { ChannelReply } from '../channel.js';
import { outlineAnswer, reviewLabel, typeLabel } from '../answer-outline.js';
import { splitMessage } from '../split-message.js';

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  | { type: 'divider' };
export type SlackMessage = { text: string; blocks: SlackBlock[] };

// Slack's documented limits: 50 blocks a message, 3,000 characters a section, 150 a header,
// 10 elements a context block; the notification text is kept well under its 40,000.
const MAX_BLOCKS = 50;
const SECTION_CHARS = 3000;
const HEADER_CHARS = 150;
const CONTEXT_ELEMENTS = 10;
const NOTIFICATION_CHARS = 300;

/** Slack asks for exactly three characters to be escaped in mrkdwn: & < >. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const section = (text: string): SlackBlock[] =>
  splitMessage(text.split('\n'), SECTION_CHARS).map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
const context = (texts: string[]): SlackBlock[] => {
  const blocks: SlackBlock[] = [];
  for (let start = 0; start < texts.length; start += CONTEXT_ELEMENTS) {
    blocks.push({ type: 'context', elements: texts.slice(start, start + CONTEXT_ELEMENTS).map((text) => ({ type: 'mrkdwn', text: text.slice(0, SECTION_CHARS) })) });
  }
  return blocks;
};
const truncate = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);

/** Safe link: only http(s) addresses, with the label escaped and `|`/`>` kept out of the address. */
function link(url: string | undefined, label: string): string {
  if (url && /^https?:\/\/[^\s|<>]+$/.test(url)) return `<${url}|${escapeMrkdwn(label)}>`;
  return escapeMrkdwn(label);
}

/**
 * A reply in Block Kit: urgent notices first in their own sections, the answer in mrkdwn with [n]
 * markers, references as numbered context lines with links and review badges, then the caveats,
 * the answer-page link and suggested follow-ups. Split into several messages past 50 blocks.
 */
export function renderSlackReply(reply: ChannelReply): SlackMessage[] {
  const blocks: SlackBlock[] = [];
  if (reply.kind === 'notice') {
    if (reply.intro) blocks.push(...context([escapeMrkdwn(reply.intro)]));
    blocks.push(...section(escapeMrkdwn(reply.text)));
    return pack(blocks, reply.text);
  }

  const outline = outlineAnswer(reply.answer);
  for (const urgent of outline.urgent) blocks.push(...section(`:rotating_light: *Urgent*\n${escapeMrkdwn(urgent)}`));
  if (outline.urgent.length > 0) blocks.push({ type: 'divider' });
  if (reply.intro) blocks.push(...context([escapeMrkdwn(reply.intro)]));
  for (const notice of outline.leading) blocks.push(...section(`:information_source: ${escapeMrkdwn(notice)}`));
  blocks.push({ type: 'header', text: { type: 'plain_text', text: truncate(outline.title, HEADER_CHARS) } });
  if (outline.understood) blocks.push(...context([`Answering: ${escapeMrkdwn(outline.understood)}`]));
  if (outline.summary) blocks.push(...section(`*Bottom line*\n${escapeMrkdwn(outline.summary)}`));
  for (const part of outline.sections) {
    const heading = part.heading ?? (part.pitfalls ? 'Critical pitfalls' : undefined);
    const lines = part.items.map((item) => (item.kind === 'bullet' ? `• ${escapeMrkdwn(item.text)}` : escapeMrkdwn(item.text)));
    const title = heading ? `${part.pitfalls ? ':warning: ' : ''}*${escapeMrkdwn(heading)}*` : undefined;
    blocks.push(...section([title, ...lines].filter(Boolean).join('\n')));
  }
  if (outline.findings.length > 0) {
    blocks.push(...section(['*Calculated from the case*', ...outline.findings.map((finding) => `• *${escapeMrkdwn(finding.title)}:* ${escapeMrkdwn(finding.summary)}`)].join('\n')));
  }
  if (outline.references.length > 0) {
    blocks.push(...section('*References*'));
    blocks.push(
      ...context(
        outline.references.map(
          (reference) =>
            `*[${reference.n}]* ${link(reference.url, reference.title)} · ${escapeMrkdwn(`${reference.publisher} ${reference.year}`)} · ${escapeMrkdwn(typeLabel(reference.type))} · ${reviewBadge(reference.reviewStatus)} · updated ${escapeMrkdwn(reference.updated)}`,
        ),
      ),
    );
  }
  if (outline.trailing.length > 0) blocks.push(...context(outline.trailing.map(escapeMrkdwn)));
  if (reply.link) blocks.push(...section(`${link(reply.link, 'Open the full answer with its sources')}`));
  if (outline.followUps.length > 0) blocks.push(...context([`You could also ask: ${outline.followUps.map((question) => `“${escapeMrkdwn(question)}”`).join(' · ')}`]));

  const notification = outline.urgent[0] ? `Urgent: ${outline.urgent[0]}` : outline.title;
  return pack(blocks, notification);
}

function reviewBadge(status: string): string {
  const emoji = status === 'approved' ? ':white_check_mark:' : status === 'under-review' ? ':hourglass_flowing_sand:' : ':memo:';
  return `${emoji} ${escapeMrkdwn(reviewLabel(status))}`;
}

function pack(blocks: SlackBlock[], notification: string): SlackMessage[] {
  const text = escapeMrkdwn(truncate(notification, NOTIFICATION_CHARS));
  const messages: SlackMessage[] = [];
  for (let start = 0; start < blocks.length; start += MAX_BLOCKS) messages.push({ text, blocks: blocks.slice(start, start + MAX_BLOCKS) });
  return messages;
}
