import { fingerprints } from "./fingerprint.js";
import type { ReportContext } from "./types.js";

/**
 * GitLab Code Quality (a JSON array, `artifacts:reports:codequality`): one issue per unsuppressed
 * finding with a fingerprint that survives edits above it (file, legacy ID, line text, occurrence).
 * Severity: major from the cutoff on, minor before it.
 */
export function gitlabReport(ctx: ReportContext): string {
  const { result } = ctx;
  const fps = fingerprints(result.findings);
  const issues = result.findings.flatMap((f, i) =>
    f.suppressed
      ? []
      : [
          {
            type: "issue",
            description:
              `${f.code} ` +
              (!f.legacyId
                ? ""
                : f.fix === "none"
                  ? `${f.match}: ${f.severity === "info" ? "retired alias, still works" : "retired model ID, not renamed (needs a decision)"}. `
                  : `${f.match} → ${f.replacement} (${f.fix} fix). `) +
              f.message +
              (f.advice ? ` ${f.advice}` : ""),
            check_name: f.code,
            fingerprint: fps[i]!,
            severity: f.severity === "error" ? "major" : f.severity === "warning" ? "minor" : "info",
            categories: ["Compatibility"],
            location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
          },
        ],
  );
  return JSON.stringify(issues, null, 2) + "\n";
}
