import { describe, expect, it } from 'vitest';
import { renderSlackReply, type SlackBlock } from '../../src/channels/slack/render-slack-reply.js';
import { renderTelegramReply, TELEGRAM_MESSAGE_CHARS } from '../../src/channels/telegram/render-telegram-reply.js';
import { renderTwilioReply, TWILIO_MESSAGE_CHARS } from '../../src/channels/twilio/render-twilio-reply.js';
import { plainText as teamsText } from '../../src/channels/teams/map-teams-activity.js';
import { renderTeamsReply, TEAMS_MESSAGE_CHARS } from '../../src/channels/teams/render-teams-reply.js';
import { renderWhatsAppReply, WHATSAPP_MESSAGE_CHARS } from '../../src/channels/whatsapp/render-whatsapp-reply.js';
import { answerFixture, brokenMarkers, SPECIALS, TRICKY } from './answer-fixture.js';

const LINK = 'https://chat.example.org/a/AAAAAAAAAAAAAAAAAAAAAAAA';
const long = answerFixture({ bullets: 120, bulletChars: 200, references: 14 });

const sectionTexts = (blocks: SlackBlock[]) =>
  blocks.map((block) => (block.type === 'section' || block.type === 'header' ? block.text.text : block.type === 'context' ? block.elements.map((element) => element.text).join('\n') : ''));

describe('Telegram rendering', () => {
  it('escapes <, > and & for HTML and leaves the MarkdownV2 specials as written', () => {
    const [message] = renderTelegramReply({ kind: 'answer', answer: answerFixture({ bullets: 1, text: TRICKY }) });
    expect(message!.text).toContain('CrCl &lt;30 &amp; &gt;60 mL/min');
    expect(message!.text).toContain('*table* _here_ #1 +/- = |x| {y}. Done!');
    for (const char of SPECIALS.replace('>', '')) expect(message!.text).not.toContain(`\\${char}`);
    expect(message!.text).toContain('Guideline number 1 &lt;on&gt; bones &amp; kidneys');
  });

  it('splits a long answer at 4,096 characters between pieces, with balanced tags, whole citations and whole references', () => {
    const messages = renderTelegramReply({ kind: 'answer', answer: long, link: LINK });
    expect(messages.length).toBeGreaterThan(2);
    for (const { text } of messages) {
      expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_CHARS);
      expect(brokenMarkers(text)).toBe(false);
      for (const tag of ['b', 'i', 'a']) expect(text.split(`<${tag}`).length, tag).toBe(text.split(`</${tag}>`).length);
    }
    const all = messages.map((message) => message.text).join('\n');
    for (const reference of long.references) expect(messages.some((message) => message.text.includes(`[${reference.n}] <a href="${reference.url}">`))).toBe(true);
    for (let index = 0; index < 120; index += 1) expect(all).toContain(` ${index} [${(index % 14) + 1}]`);
    // Follow-up buttons sit under the last message only.
    expect(messages.at(-1)!.replyMarkup?.inline_keyboard).toHaveLength(2);
    expect(messages.slice(0, -1).every((message) => !message.replyMarkup)).toBe(true);
  });

  it('cuts a single over-long paragraph at a space, never inside a citation', () => {
    const answer = answerFixture({ bullets: 1, bulletChars: 9000, references: 1 });
    answer.blocks[2] = { kind: 'bullet', text: Array.from({ length: 900 }, (_, index) => `fact${index} [1]`).join(' '), citations: [1] };
    const messages = renderTelegramReply({ kind: 'answer', answer });
    expect(messages.length).toBeGreaterThan(2);
    for (const { text } of messages) {
      expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_CHARS);
      expect(brokenMarkers(text)).toBe(false);
    }
  });

  it('puts urgent notices first', () => {
    const [message] = renderTelegramReply({ kind: 'answer', answer: answerFixture({ urgent: 'Call 999 now.' }), intro: 'Intro.' });
    expect(message!.text.startsWith('🚨 <b>URGENT</b>\n<b>Call 999 now.</b>')).toBe(true);
    expect(message!.text.indexOf('Intro.')).toBeGreaterThan(message!.text.indexOf('Call 999 now.'));
  });
});

describe('Slack rendering', () => {
  it('escapes &, < and > in mrkdwn, in answer text and in reference titles', () => {
    const [message] = renderSlackReply({ kind: 'answer', answer: answerFixture({ bullets: 1, text: TRICKY }) });
    const text = sectionTexts(message!.blocks).join('\n');
    expect(text).toContain('CrCl &lt;30 &amp; &gt;60 mL/min');
    expect(text).toContain('<https://example.org/guideline-1|Guideline number 1 &lt;on&gt; bones &amp; kidneys>');
    expect(text).not.toMatch(/<(?!https:\/\/)[^>]*>/);
  });

  it('keeps every message within 50 blocks, sections within 3,000 characters and context blocks within 10 elements', () => {
    const messages = renderSlackReply({ kind: 'answer', answer: long, link: LINK });
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks) {
        if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
        if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
        if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      }
      for (const text of sectionTexts(message.blocks)) expect(brokenMarkers(text)).toBe(false);
    }
    const references = messages.flatMap((message) => sectionTexts(message.blocks)).join('\n');
    for (const reference of long.references) expect(references).toContain(`*[${reference.n}]* <${reference.url}|`);
    expect(references).toContain(':white_check_mark: Approved by medical reviewers');
    expect(references).toContain(':hourglass_flowing_sand: Under medical review');
  });

  it('starts with the urgent notice and uses it as the notification text', () => {
    const [message] = renderSlackReply({ kind: 'answer', answer: answerFixture({ urgent: 'Go to the emergency department <now> & call.' }) });
    expect(message!.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ':rotating_light: *Urgent*\nGo to the emergency department &lt;now&gt; &amp; call.' } });
    expect(message!.text).toBe('Urgent: Go to the emergency department &lt;now&gt; &amp; call.');
  });
});

describe('Twilio rendering', () => {
  it('sends at most 1,600 characters: the answer as far as it fits with the link, then the sources', () => {
    const messages = renderTwilioReply({ kind: 'answer', answer: long, link: LINK }, 'sms');
    expect(messages).toHaveLength(2);
    for (const { body } of messages) {
      expect(body.length).toBeLessThanOrEqual(TWILIO_MESSAGE_CHARS);
      expect(brokenMarkers(body)).toBe(false);
    }
    expect(messages[0]!.body.endsWith(`Full answer with sources: ${LINK}`)).toBe(true);
    expect(messages[0]!.body).toContain('(The rest is on the answer page.)');
    expect(messages[1]!.body.startsWith('Sources\n[1] ')).toBe(true);
  });

  it('without an answer page, splits the whole reply into 1,600-character messages', () => {
    const messages = renderTwilioReply({ kind: 'answer', answer: long }, 'sms');
    expect(messages.length).toBeGreaterThan(3);
    for (const { body } of messages) expect(body.length).toBeLessThanOrEqual(TWILIO_MESSAGE_CHARS);
  });

  it('keeps an urgent notice first and whole even when the answer is cut', () => {
    const [first] = renderTwilioReply({ kind: 'answer', answer: answerFixture({ bullets: 120, bulletChars: 200, urgent: 'Call 999 now.' }), link: LINK }, 'sms');
    expect(first!.body.startsWith('URGENT: Call 999 now.')).toBe(true);
  });

  it('turns typographic characters into GSM ones for SMS, and leaves WhatsApp text alone', () => {
    const answer = answerFixture({ bullets: 1, text: 'Dose ≥ 4 mg – “every” 4 weeks…' });
    expect(renderTwilioReply({ kind: 'answer', answer }, 'sms')[0]!.body).toContain('Dose >= 4 mg - "every" 4 weeks...');
    expect(renderTwilioReply({ kind: 'answer', answer }, 'whatsapp')[0]!.body).toContain('Dose ≥ 4 mg – “every” 4 weeks…');
  });
});

describe('plain-text platforms', () => {
  it('send the answer text exactly as written, specials and < & included (SMS and WhatsApp have no escapes)', () => {
    const answer = answerFixture({ bullets: 1, text: TRICKY });
    expect(renderWhatsAppReply({ kind: 'answer', answer })[0]!.body).toContain(`• ${TRICKY} 0 [1]`);
    expect(renderTwilioReply({ kind: 'answer', answer }, 'sms')[0]!.body).toContain(`- ${TRICKY} 0 [1]`);
  });
});

describe('WhatsApp Cloud rendering', () => {
  it('splits at 4,096 characters without breaking a citation, with the link in the last message', () => {
    const messages = renderWhatsAppReply({ kind: 'answer', answer: long, link: LINK });
    expect(messages.length).toBeGreaterThan(1);
    for (const { body } of messages) {
      expect(body.length).toBeLessThanOrEqual(WHATSAPP_MESSAGE_CHARS);
      expect(brokenMarkers(body)).toBe(false);
    }
    expect(messages.at(-1)!.body.endsWith(LINK)).toBe(true);
  });
});

describe('Teams rendering and reading', () => {
  it('writes HTML lines joined by <br>, escaped like Telegram, split under the size limit', () => {
    const messages = renderTeamsReply({ kind: 'answer', answer: long, link: LINK });
    expect(messages.length).toBeGreaterThan(1);
    for (const { text } of messages) {
      expect(text.length).toBeLessThanOrEqual(TEAMS_MESSAGE_CHARS);
      expect(text).not.toContain('\n');
      expect(text.startsWith('<br>') || text.endsWith('<br>')).toBe(false);
      expect(brokenMarkers(text.replace(/<br>/g, '\n'))).toBe(false);
    }
    const [short] = renderTeamsReply({ kind: 'answer', answer: answerFixture({ bullets: 1, text: TRICKY }) });
    expect(short!.text).toContain('CrCl &lt;30 &amp; &gt;60 mL/min');
  });

  it('reads the question without the mention and formatting tags, keeping comparison signs', () => {
    expect(teamsText('<at>Guideline Chat</at> dose if CrCl <30 and eGFR >60 &amp; <b>on</b> dialysis?')).toBe('dose if CrCl <30 and eGFR >60 & on dialysis?');
  });
});
