/**
 * The programmatic API: `import { scan, migrate } from "deepseek-migrate"`.
 * Both take the CLI's options; migrate writes with the same guards as `--write`.
 */
import type { RunOptions } from "./options.js";
import { defaultOptions, run, scan as scanRun, type RunResult } from "./run.js";

export type { RunOptions, Format, Mode } from "./options.js";
export type { RunResult } from "./run.js";
export type * from "./types.js";
export { defaultRules, CUTOFF } from "./rules/defaults.js";

/** Find every usage and compute the fixes and diffs; writes nothing. */
export function scan(options: Partial<RunOptions> = {}): Promise<RunResult> {
  return scanRun(defaultOptions({ ...options, mode: options.mode === "check" ? "check" : "dry-run" }));
}

/** Find and apply the fixes (safe ones; unsafe ones too with unsafeFixes). */
export function migrate(options: Partial<RunOptions> = {}): Promise<RunResult> {
  return run(defaultOptions({ ...options, mode: "write" }));
}
