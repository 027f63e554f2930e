/**
 * What a --write run did with each finding (docs/cli.md "What --write reports"): fixed (its fix is
 * in a written file), or remaining with the reason, and the fixed ones that still need a person
 * (renamed, but the thinking flags could not be written).
 */
import type { RunResult } from "./run.js";
import type { Finding } from "./types.js";

/** Why a finding is still there after --write. */
export type RemainingReason =
  /** An unsafe fix, and no --unsafe-fixes. */
  | "unsafe"
  /** Fix class none: never renamed, a person decides. */
  | "none"
  /** Selected, but not applied or not written: an overlapping fix, a text that does not re-encode, a write error, an interruption. */
  | "not-written"
  /** A fix declined with -i. */
  | "declined";

export interface WriteOutcome {
  fixed: Finding[];
  remaining: { finding: Finding; reason: RemainingReason }[];
  /** Fixed findings whose request needs its thinking flags set by hand (thinking: manual). */
  manual: Finding[];
  /** Fixed findings per file, in path order. */
  fixedByFile: Map<string, number>;
}

/** Sort the run's unsuppressed findings into fixed and remaining (meaningful after a write). */
export function writeOutcome(result: RunResult): WriteOutcome {
  const written = new Set(result.written);
  const out: WriteOutcome = { fixed: [], remaining: [], manual: [], fixedByFile: new Map() };
  for (const f of result.findings) {
    if (f.suppressed) continue;
    // Information without a fix (a retired alias that still works): nothing was asked, nothing remains.
    if (f.severity === "info" && f.fix === "none") continue;
    if (f.applied === true && written.has(f.file)) {
      out.fixed.push(f);
      out.fixedByFile.set(f.file, (out.fixedByFile.get(f.file) ?? 0) + 1);
      if (f.thinking === "manual") out.manual.push(f);
      continue;
    }
    const reason: RemainingReason =
      f.applied !== undefined
        ? "not-written"
        : f.fix === "none"
          ? "none"
          : f.fix === "unsafe" && !result.options.unsafeFixes
            ? "unsafe"
            : "declined";
    out.remaining.push({ finding: f, reason });
  }
  return out;
}

/**
 * Whether a fix this run asked for is not on disk (not applied, or its file not written). --write
 * then exits 1: it could not do what was requested. Findings it was not asked to fix (unsafe
 * without --unsafe-fixes, none) are reported as remaining and do not change the exit code; `check`
 * is the gate for those.
 */
export function requestedFixMissing(result: RunResult): boolean {
  const written = new Set(result.written);
  return result.findings.some((f) => !f.suppressed && f.applied !== undefined && !(f.applied && written.has(f.file)));
}
