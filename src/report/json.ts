import { baselineLineText } from "../core/baseline.js";
import { ruleCode } from "../rules/codes.js";
import { CUTOFF } from "../rules/defaults.js";
import type { ReportContext } from "./types.js";

/** The JSON report, schemaVersion 1 (docs/formats.md; schema/report.schema.json). */
export function jsonReport(ctx: ReportContext): string {
  const { result } = ctx;
  const doc = {
    schemaVersion: 1,
    tool: { name: "deepseek-migrate", version: ctx.version },
    cutoff: CUTOFF,
    summary: result.summary,
    findings: result.findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      code: f.code,
      name: ruleCode(f.code)?.name ?? f.code,
      legacyId: f.legacyId,
      match: f.match,
      replacement: f.replacement,
      fix: f.fix,
      thinking: f.thinking,
      ...(f.position ? { position: f.position } : {}),
      severity: f.severity,
      message: f.message,
      advice: f.advice,
      suppressed: f.suppressed,
      ...(f.baselined ? { baselined: true } : {}),
      lineText: baselineLineText(f),
      ...(f.group ? { group: f.group } : {}),
    })),
    files: result.files.filter((f) => f.diff).map((f) => ({ file: f.file, diff: f.diff! })),
    errors: result.errors,
    warnings: result.warnings,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
