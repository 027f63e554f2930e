import { ruleCode } from "../rules/codes.js";
import type { Finding } from "../core/types.js";
import { code, codesTable, cutoffLine, findingsTable, thinkingLine, totalsTable } from "./markdown.js";
import type { ReportContext } from "./types.js";

/** Workflow-command data: %, CR and LF escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow-command property values: also ":" and ",". */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(name: string, props: Record<string, string | number>, message: string): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${name} ${p}::${escapeData(message)}`;
}

function title(f: Finding): string {
  if (!f.legacyId) return `${f.code} ${ruleCode(f.code)?.name ?? ""}`.trim();
  if (f.fix === "none") return `${f.code} ${f.match}: ${f.severity === "info" ? "retired alias, still works" : "retired model ID (needs a decision)"}`;
  return `${f.code} ${f.match} → ${f.replacement} (${f.fix} fix)`;
}

/** Workflow command per severity: info is a notice. */
const COMMAND: Record<Finding["severity"], string> = { error: "error", warning: "warning", info: "notice" };

function body(f: Finding): string {
  const lines = [f.message];
  if (f.thinking !== "not-applicable") lines.push(`Thinking flags: ${f.thinking}.`);
  if (f.advice) lines.push(f.advice);
  return lines.join("\n");
}

/**
 * GitHub Actions workflow commands: one `::error` (from the cutoff on) or `::warning` (before it)
 * per unsuppressed finding, with file, line, col, endLine, endColumn and title; `::error` for files
 * that could not be read or written; then one plain summary line.
 */
export function githubReport(ctx: ReportContext): string {
  const { result } = ctx;
  const out: string[] = [];
  for (const f of result.findings) {
    if (f.suppressed) continue;
    out.push(
      command(
        COMMAND[f.severity],
        { file: f.file, line: f.line, endLine: f.endLine, col: f.column, endColumn: f.endColumn, title: title(f) },
        body(f),
      ),
    );
  }
  for (const e of result.errors) out.push(command("error", { file: e.file, title: "deepseek-migrate" }, e.message));
  const s = result.summary;
  out.push(
    `deepseek-migrate: ${s.files} files scanned, ${s.findings} findings (${s.safe} safe, ${s.unsafe} unsafe, ${s.none} none), ` +
      `${s.suppressed} suppressed, ${result.errors.length} errors`,
  );
  return out.join("\n") + "\n";
}

/** Findings listed in the step summary at most; the rest are counted. */
const SUMMARY_ROWS = 200;

/** The Markdown appended to $GITHUB_STEP_SUMMARY: the cutoff, totals by ID and class, the findings. */
export function githubStepSummary(ctx: ReportContext): string {
  const { result } = ctx;
  const shown = result.findings.filter((f) => !f.suppressed);
  const s = result.summary;
  const out = [
    "## deepseek-migrate",
    "",
    cutoffLine(result),
    "",
    `${s.findings} finding${s.findings === 1 ? "" : "s"} in ${new Set(shown.map((f) => f.file)).size} file(s): ${s.safe} safe, ${s.unsafe} unsafe, ${s.none} none; ${s.suppressed} suppressed; ${result.errors.length} error(s).`,
    "",
    ...totalsTable(result),
    "",
    ...codesTable(result),
    "",
    thinkingLine(result),
    "",
  ];
  if (shown.length > 0) {
    out.push(...findingsTable(shown.slice(0, SUMMARY_ROWS), true), "");
    if (shown.length > SUMMARY_ROWS) out.push(`… and ${shown.length - SUMMARY_ROWS} more; run ${code("deepseek-migrate --format markdown")} for the full report.`, "");
  }
  return out.join("\n") + "\n";
}
