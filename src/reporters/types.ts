import type { RunResult } from "../run.js";

export interface ReportContext {
  result: RunResult;
  /** Colors on (pretty only). */
  color: boolean;
  /** Fewer lines: no diffs or advice (pretty only). */
  quiet: boolean;
  version: string;
}

/** A reporter renders a run as text; it never prints. */
export type Reporter = (ctx: ReportContext) => string;
