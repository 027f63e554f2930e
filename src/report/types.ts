import type { RunResult } from "../core/run.js";

export interface ReportContext {
  result: RunResult;
  /** Colors on (pretty only). */
  color: boolean;
  /** Fewer lines: no diffs or advice (pretty only). */
  quiet: boolean;
  version: string;
  /** --statistics: counts per rule, file kind and folder instead of the findings (pretty only). */
  statistics?: boolean;
  /** --verbose: every finding of a file, every row of a table (pretty caps them). */
  verbose?: boolean;
}

/** A reporter renders a run as text; it never prints. */
export type Reporter = (ctx: ReportContext) => string;
