import path from "node:path";
import type { RunOptions } from "../core/options.js";
import { toRel, type walk } from "./walk.js";

/**
 * The message for start paths and command-line --include patterns that matched no file (after
 * .gitignore, --exclude and the other patterns), or undefined when each matched at least one.
 */
export function unmatchedPatterns(options: RunOptions, walked: ReturnType<typeof walk>): string | undefined {
  const missing: string[] = [];
  const shown = options.includeShownAs;
  if (shown && shown.length === options.include.length)
    walked.includeHit.forEach((hit, i) => {
      if (!hit) missing.push(`--include ${JSON.stringify(shown[i])}`);
    });
  // An --include pattern that matches nothing empties the start paths too: it alone is named.
  if (missing.length === 0) {
    const paths = options.paths.length ? options.paths : ["."];
    // A start path that could not be read is reported as such (an error), and one passed over with
    // a reason (a symbolic link, a FIFO) as a note: neither is an unmatched pattern.
    const reported = new Set([...walked.unreadable, ...walked.skipped].map((u) => u.file));
    paths.forEach((p, i) => {
      if (walked.pathFiles[i] === 0 && !reported.has(toRel(options.cwd, path.resolve(options.cwd, p)))) missing.push(`path ${JSON.stringify(p)}`);
    });
  }
  if (missing.length === 0) return undefined;
  return (
    `no files match ${missing.join(", ")} (after .gitignore, --exclude and the configuration), so nothing was scanned there; ` +
    `check the spelling, or pass --no-error-on-unmatched-pattern ("errorOnUnmatchedPattern": false in the configuration) to allow it`
  );
}
