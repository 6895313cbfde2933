// Hidden characters can split a word past every check ("Ign\u200Bore", "cu\u00ADres") or hide text
// from a reader while a model still reads it. Text is normalised before it is checked, and the
// normalised text is what is delivered, so what was checked is what is shown.

const FORMAT_CHARACTERS = /\p{Cf}/gu;
// C0 and C1 controls and DEL; tabs and line feeds are layout.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;

/** NFKC, line breaks as "\n", and no format characters (zero-width, bidi, soft hyphen, tags) or controls. */
export function normalizeVisibleText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(FORMAT_CHARACTERS, '').replace(CONTROL_CHARACTERS, '').normalize('NFKC');
}

// A reply wrapped whole in one fence (```markdown … ```) is the answer itself, not a code block.
const WRAPPER = /^\s*(```|~~~)[ \t]*(?:markdown|md)?[ \t]*\n([\s\S]*?)\n[ \t]*\1[ \t]*\n?\s*$/i;

/** A model draft as it is checked and delivered: normalised, and unwrapped when fenced as a whole. */
export function normalizeDraft(markdown: string): string {
  const text = normalizeVisibleText(markdown);
  const wrapped = WRAPPER.exec(text);
  return wrapped ? `${wrapped[2]!.trim()}\n` : text;
}

/** Whether a line opens a fence that wraps a whole reply (the first line of a streamed draft). */
export function isWrapperFence(line: string): boolean {
  return /^\s*(```|~~~)[ \t]*(?:markdown|md)?[ \t]*$/i.test(line);
}
