/**
 * What one check found wrong. `reason` is shown to clients and holds no model text; `detail` may
 * quote the draft (a term, an amount, a name) and stays on the server: repair prompts and debug logs.
 */
export type CheckProblem = { reason: string; detail?: string };
