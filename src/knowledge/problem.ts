/** One thing wrong with a knowledge (or rules) file, precise enough to fix without searching. */
export type Problem = {
  file: string;
  field?: string;
  reason: string;
  /** Errors make the folder unusable; quality problems fail `knowledge:check` but do not stop the server. */
  severity: 'error' | 'quality';
};

export function formatProblem(problem: Problem): string {
  const where = problem.field ? `${problem.file} [${problem.field}]` : problem.file;
  return `${where}: ${problem.reason}`;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The knowledge folder has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}
