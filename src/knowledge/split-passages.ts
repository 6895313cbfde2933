import type { Passage } from '../domain/types.js';
import { slugify } from '../text/slug.js';
import type { Problem } from './problem.js';

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;

type Section = { heading: string; blocks: string[] };

function sectionsOf(body: string): Section[] {
  const sections: Section[] = [{ heading: '', blocks: [] }];
  let paragraph: string[] = [];
  const current = () => sections[sections.length - 1]!;
  const flush = () => {
    if (paragraph.length) current().blocks.push(paragraph.join(' ').replace(/\s+/g, ' ').trim());
    paragraph = [];
  };
  body.split(/\r?\n/).forEach((line) => {
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    if (heading) {
      flush();
      sections.push({ heading: heading[2]!.trim(), blocks: [] });
    } else if (bullet) {
      flush();
      paragraph = [bullet[1]!];
    } else if (!line.trim()) {
      flush();
    } else {
      paragraph.push(line.trim()); // a wrapped line continues the paragraph or bullet above
    }
  });
  flush();
  return sections;
}

/**
 * Cuts a document body into passages: one per paragraph or bullet, under its heading.
 * Ids are `docId#section-slug-n`, so they stay the same while the text above them is unchanged.
 */
export function splitPassages(docId: string, file: string, body: string): { passages: Passage[]; problems: Problem[] } {
  const passages: Passage[] = [];
  const problems: Problem[] = [];
  const slugCounts = new Map<string, number>();
  for (const section of sectionsOf(body)) {
    if (section.heading && section.blocks.length === 0) {
      problems.push({ file, field: `section "${section.heading}"`, reason: "has no text under its heading", severity: 'error' });
      continue;
    }
    // Two sections with the same heading get distinct slugs ("dosing", "dosing-2").
    const base = section.heading ? slugify(section.heading) : 'introduction';
    const seen = (slugCounts.get(base) ?? 0) + 1;
    slugCounts.set(base, seen);
    const slug = seen === 1 ? base : `${base}-${seen}`;
    section.blocks.forEach((text, index) => {
      passages.push({
        id: `${docId}#${slug}-${index + 1}`,
        docId,
        section: section.heading,
        text,
        pitfall: /pitfall/i.test(section.heading),
      });
    });
  }
  return { passages, problems };
}
