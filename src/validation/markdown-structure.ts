// One reading of the model's markdown, shared by the validator and the renderer
// (generation/markdown-to-blocks), so what is checked is exactly what is shown.

export type MarkdownBlock =
  | { kind: 'heading'; level: number; text: string; startLine: number; endLine: number }
  | { kind: 'paragraph' | 'bullet'; text: string; section: string; startLine: number; endLine: number }
  | { kind: 'table-header'; text: string; cells: string[]; section: string; startLine: number; endLine: number }
  | { kind: 'table-row'; text: string; cells: string[]; header: string[]; section: string; startLine: number; endLine: number }
  // A reference list the model wrote anyway: never a claim, never shown (the answer lists its own).
  | { kind: 'reference'; text: string; startLine: number; endLine: number };

type OpenBlock = { kind: 'paragraph' | 'bullet'; parts: string[]; startLine: number; endLine: number };
type OpenTable = { header: string[]; headerLine: number; bodyStarted: boolean };

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*(?:[-*+\u2022]|\d+[.)])\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const RULE = /^\s*(?:[-*_]\s*){3,}$/;
const SETEXT = /^\s*(=+|-+)\s*$/;
const FENCE = /^\s*(```|~~~)/;
const BLOCKQUOTE = /^\s*>\s?/;
const REFERENCE_HEADING = /^\W*(references?|sources?|bibliography|citations?|works cited|literature)\W*$/i;
// "[1] Van Poznak C…", "[1]: …" at the start of a line: an entry of a reference list.
const REFERENCE_LINE = /^\s*\[\d+\]\s*[:.\-\u2013]?\s+\S/;

function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** A table row as it is shown and checked: each cell after its column header ("Agent: Denosumab; Dose: 120 mg [1]"). */
export function tableRowText(cells: readonly string[], header: readonly string[]): string {
  return cells
    .map((cell, index) => {
      const label = header[index];
      return cell && label ? `${label}: ${cell}` : cell;
    })
    .filter(Boolean)
    .join('; ');
}

/** Reads markdown into headings, paragraphs, bullets, table rows and reference entries. */
export function parseMarkdown(markdown: string): MarkdownBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  const state: { section: string; inReferences: boolean; open: OpenBlock | null; table: OpenTable | null } = {
    section: '',
    inReferences: false,
    open: null,
    table: null,
  };

  const flushText = () => {
    const open = state.open;
    if (open) {
      const text = open.parts.join(' ').replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ kind: open.kind, text, section: state.section, startLine: open.startLine, endLine: open.endLine });
    }
    state.open = null;
  };
  const closeTable = () => {
    const table = state.table;
    // A header with no body under it is an ordinary line of text, and is checked as one.
    if (table && !table.bodyStarted) {
      blocks.push({ kind: 'table-row', text: table.header.filter(Boolean).join('; '), cells: table.header, header: [], section: state.section, startLine: table.headerLine, endLine: table.headerLine });
    }
    state.table = null;
  };
  const flush = () => {
    flushText();
    closeTable();
  };

  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    if (FENCE.test(rawLine)) {
      // Models wrap whole answers in ```markdown fences: the fence goes, its content is read as markdown.
      flush();
      return;
    }
    const line = rawLine.replace(BLOCKQUOTE, '');
    if (!line.trim()) {
      flush();
      return;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const text = heading[2]!.trim();
      state.inReferences = REFERENCE_HEADING.test(text);
      if (state.inReferences) {
        blocks.push({ kind: 'reference', text: line.trim(), startLine: lineNumber, endLine: lineNumber });
      } else {
        state.section = text;
        blocks.push({ kind: 'heading', level: heading[1]!.length, text, startLine: lineNumber, endLine: lineNumber });
      }
      return;
    }
    if (state.inReferences || (!state.open && REFERENCE_LINE.test(line))) {
      flush();
      blocks.push({ kind: 'reference', text: line.trim(), startLine: lineNumber, endLine: lineNumber });
      return;
    }
    const open = state.open;
    if (SETEXT.test(line) && open?.kind === 'paragraph' && open.parts.length === 1) {
      const text = open.parts[0]!.trim();
      state.open = null;
      state.section = text;
      blocks.push({ kind: 'heading', level: line.includes('=') ? 1 : 2, text, startLine: open.startLine, endLine: lineNumber });
      return;
    }
    if (RULE.test(line)) {
      flush();
      return;
    }
    if (TABLE_ROW.test(line)) {
      flushText();
      const table = state.table;
      if (TABLE_SEPARATOR.test(line)) {
        if (table && !table.bodyStarted) {
          table.bodyStarted = true;
          blocks.push({ kind: 'table-header', text: table.header.filter(Boolean).join('; '), cells: table.header, section: state.section, startLine: table.headerLine, endLine: table.headerLine });
        }
        return;
      }
      const cells = cellsOf(line);
      if (!table) {
        state.table = { header: cells, headerLine: lineNumber, bodyStarted: false };
        return;
      }
      if (!table.bodyStarted) {
        // A second row before any separator: the table has no header after all.
        closeTable();
        state.table = { header: [], headerLine: lineNumber, bodyStarted: true };
      }
      const header = state.table?.header ?? [];
      blocks.push({ kind: 'table-row', text: cells.filter(Boolean).join('; '), cells, header, section: state.section, startLine: lineNumber, endLine: lineNumber });
      return;
    }
    closeTable();
    const bullet = BULLET.exec(line);
    if (bullet) {
      flushText();
      state.open = { kind: 'bullet', parts: [bullet[1]!], startLine: lineNumber, endLine: lineNumber };
      return;
    }
    if (open) {
      open.parts.push(line.trim());
      open.endLine = lineNumber;
    } else {
      state.open = { kind: 'paragraph', parts: [line.trim()], startLine: lineNumber, endLine: lineNumber };
    }
  });
  flush();
  return blocks;
}
