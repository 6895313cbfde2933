import type { ChannelAction } from './channel.js';

// Whole-message keywords, the same on every platform (Telegram also has /patient and /professional).
// STOP, START and HELP are left alone: carriers and Twilio reserve them for opting out and back in.
const KEYWORDS: Record<string, ChannelAction> = {
  patient: { type: 'set-audience', audience: 'patient' },
  professional: { type: 'set-audience', audience: 'professional' },
  info: { type: 'start' },
};

/** The action a text message asks for: a keyword alone on the line, or a question. */
export function keywordOrQuestion(text: string): ChannelAction {
  const word = text.trim().toLowerCase().replace(/[.!?\s]+$/, '');
  return KEYWORDS[word] ?? { type: 'ask', text: text.trim() };
}
