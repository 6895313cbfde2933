import type { ChannelReply } from '../channel.js';
import { htmlReplyPieces } from '../html-reply-pieces.js';
import { splitMessage } from '../split-message.js';

export type TeamsMessage = { text: string };

// Teams refuses activities over about 28 KB; a message of this many characters stays well under it.
export const TEAMS_MESSAGE_CHARS = 16_000;

/** Teams' XML (HTML) text format: the shared HTML lines joined with <br>, split between lines. */
export function renderTeamsReply(reply: ChannelReply): TeamsMessage[] {
  return splitMessage(htmlReplyPieces(reply), TEAMS_MESSAGE_CHARS, '<br>').map((text) => ({ text: text.replace(/^(<br>)+|(<br>)+$/g, '') }));
}
