// Which of many groups of fixed strings occur in a text, found in one pass over it (Aho–Corasick,
// compiled to a table: one lookup per character). Prefilters use it to skip patterns whose required
// words a message does not hold: one pass however many strings are listed, and no string is ever
// missed, overlapping or not.

export type LiteralScanner = {
  /** One flag per group: 1 where the text holds at least one of the group's strings. */
  scan(text: string): Uint8Array;
};

/** A scanner for groups of strings; a group is found when any one of its strings occurs. */
export function createLiteralScanner(groups: ReadonlyArray<readonly string[]>): LiteralScanner {
  // Characters that occur in some string get a column of the table; every other character shares column 0.
  const columnOf = new Uint16Array(0x10000);
  let columns = 1;
  for (const literal of groups.flat()) {
    for (let position = 0; position < literal.length; position += 1) {
      const code = literal.charCodeAt(position);
      if (columnOf[code] === 0) columnOf[code] = columns++;
    }
  }

  // The trie of every string; state 0 is the root, and `found` lists the groups a state completes.
  const children: Array<Map<number, number>> = [new Map()];
  const found: number[][] = [[]];
  groups.forEach((literals, group) => {
    for (const literal of literals) {
      if (literal === '') throw new Error(`group ${group} lists the empty string, which every text holds`);
      let state = 0;
      for (let position = 0; position < literal.length; position += 1) {
        const column = columnOf[literal.charCodeAt(position)]!;
        let child = children[state]!.get(column);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          found.push([]);
          children[state]!.set(column, child);
        }
        state = child;
      }
      if (!found[state]!.includes(group)) found[state]!.push(group);
    }
  });

  // The full transition table, breadth first. A missing edge follows the failure link (the longest
  // proper suffix of the state's string that is also in the trie), whose row is already complete; a
  // state also reports what its failure state reports (a string ending inside a longer one).
  const next = new Int32Array(children.length * columns);
  const fail = new Int32Array(children.length);
  const queue: number[] = [];
  for (const [column, child] of children[0]!) {
    next[column] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head]!;
    const back = fail[state]!;
    next.copyWithin(state * columns, back * columns, (back + 1) * columns);
    for (const [column, child] of children[state]!) {
      next[state * columns + column] = child;
      fail[child] = next[back * columns + column]!;
      found[child] = [...new Set([...found[child]!, ...found[fail[child]!]!])];
      queue.push(child);
    }
  }
  // The table is read once per character of every message, and the rest of a request pushes it out
  // of the processor's caches: states are renumbered breadth first, so the shallow states a scan
  // mostly visits share a few cache lines, and held in 16 bits where they fit (half the bytes). A
  // flag per state says whether it completes anything, so most characters never read `found`.
  const order = [0, ...queue];
  const rank = new Int32Array(children.length);
  order.forEach((state, position) => (rank[state] = position));
  const table = children.length <= 0x10000 ? new Uint16Array(children.length * columns) : new Int32Array(children.length * columns);
  const reporting = new Uint8Array(children.length);
  const reports: Array<readonly number[]> = [];
  order.forEach((state, position) => {
    for (let column = 0; column < columns; column += 1) table[position * columns + column] = rank[next[state * columns + column]!]!;
    reports.push(found[state]!);
    reporting[position] = found[state]!.length > 0 ? 1 : 0;
  });

  return {
    scan(text) {
      const present = new Uint8Array(groups.length);
      let state = 0;
      for (let position = 0; position < text.length; position += 1) {
        state = table[state * columns + columnOf[text.charCodeAt(position)]!]!;
        if (reporting[state] === 0) continue;
        const ids = reports[state]!;
        for (let index = 0; index < ids.length; index += 1) present[ids[index]!] = 1;
      }
      return present;
    },
  };
}
