import { CUTOFF_MS } from "../core/clock.js";
import type { RunResult } from "../core/run.js";
import { ruleCode } from "../rules/codes.js";
import type { Finding, FixClass } from "../core/types.js";
import type { ReportContext } from "./types.js";

/** A table cell: pipes escaped, HTML neutralised, line breaks as <br>. */
export function cell(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n|\r/g, "<br>");
}

/** Inline code that survives backticks inside the text. */
export function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s.replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ")}${pad}${fence}`;
}

function utc(d: Date): string {
  return d.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The ID names of the built-in retirement, or of the configured rules. */
function ids(result: RunResult): string {
  return result.ruleset.rules.map((r) => code(r.legacyId)).join(", ");
}

/** One line: the cutoff, how many days ago (or how soon) it is, and what the API answers. */
export function cutoffLine(result: RunResult): string {
  const now = result.options.now;
  const ms = now.getTime() - CUTOFF_MS;
  const days = Math.floor(Math.abs(ms) / 86_400_000);
  const when = days === 0 ? "today" : ms >= 0 ? `${plural(days, "day")} ago` : `in ${plural(days, "day")}`;
  const effect =
    ms >= 0
      ? "requests naming a retired ID fail with 400 invalid_request_error"
      : "until then the legacy IDs still work; after it, requests naming them fail with 400 invalid_request_error";
  return `**Cutoff: 2026-07-24 15:59 UTC (${when})**: ${effect}. Report time: ${utc(now)}.`;
}

interface Totals {
  safe: number;
  unsafe: number;
  none: number;
  suppressed: number;
  total: number;
}

/** Counts per legacy ID (unsuppressed by class, suppressed apart), in ruleset order. */
export function totalsById(result: RunResult): Map<string, Totals> {
  const map = new Map<string, Totals>();
  for (const r of result.ruleset.rules) map.set(r.legacyId, { safe: 0, unsafe: 0, none: 0, suppressed: 0, total: 0 });
  for (const f of result.findings) {
    if (!f.legacyId) continue; // request lints are counted by code (codesTable)
    let t = map.get(f.legacyId);
    if (!t) map.set(f.legacyId, (t = { safe: 0, unsafe: 0, none: 0, suppressed: 0, total: 0 }));
    t.total++;
    if (f.suppressed) t.suppressed++;
    else t[f.fix]++;
  }
  return map;
}

/** The totals table (by ID and class). */
export function totalsTable(result: RunResult): string[] {
  const out = ["| ID | replacement | safe | unsafe | none | suppressed | total |", "|---|---|---:|---:|---:|---:|---:|"];
  const sum: Totals = { safe: 0, unsafe: 0, none: 0, suppressed: 0, total: 0 };
  for (const [id, t] of totalsById(result)) {
    const target = result.ruleset.byId.get(id)?.target ?? "";
    out.push(`| ${code(id)} | ${target ? code(target) : ""} | ${t.safe} | ${t.unsafe} | ${t.none} | ${t.suppressed} | ${t.total} |`);
    for (const k of Object.keys(sum) as (keyof Totals)[]) sum[k] += t[k];
  }
  out.push(`| **total** | | ${sum.safe} | ${sum.unsafe} | ${sum.none} | ${sum.suppressed} | ${sum.total} |`);
  return out;
}

/** Unsuppressed findings by rule code and severity, plus the thinking work left. */
export function codesTable(result: RunResult): string[] {
  const rows = new Map<string, { error: number; warning: number; info: number; suppressed: number }>();
  for (const f of result.findings) {
    let r = rows.get(f.code);
    if (!r) rows.set(f.code, (r = { error: 0, warning: 0, info: 0, suppressed: 0 }));
    if (f.suppressed) r.suppressed++;
    else r[f.severity]++;
  }
  const out = ["| code | name | error | warning | info | suppressed |", "|---|---|---:|---:|---:|---:|"];
  for (const c of [...rows.keys()].sort()) {
    const r = rows.get(c)!;
    out.push(`| ${c} | ${ruleCode(c)?.name ?? ""} | ${r.error} | ${r.warning} | ${r.info} | ${r.suppressed} |`);
  }
  return out;
}

/** One line on the thinking work left (renames whose requests need their flags set by hand). */
export function thinkingLine(result: RunResult): string {
  const n = result.summary.thinkingManual;
  const lint = result.summary.byCode["DSM101"] ?? 0;
  return (
    `Thinking work left: ${plural(n, "renamed value")} with \`thinking: manual\` (set the flags where the request is sent)` +
    `, ${plural(lint, "request")} without explicit thinking (DSM101).`
  );
}

const CLASS_TEXT: Record<FixClass, string> = {
  safe: "safe",
  unsafe: "unsafe (review)",
  none: "none (not renamed)",
};

function classText(f: Finding): string {
  const base = CLASS_TEXT[f.fix];
  if (f.baselined) return `${base}, baseline`;
  if (f.suppressed) return `${base}, suppressed`;
  return base;
}

/** A table of findings: line, ID, replacement, class, thinking, advice (plus the file when asked). */
export function findingsTable(findings: Finding[], withFile: boolean): string[] {
  const out = [
    `| ${withFile ? "file | " : ""}line | code | ID | replacement | class | thinking | advice |`,
    `|${withFile ? "---|" : ""}---:|---|---|---|---|---|---|`,
  ];
  for (const f of findings) {
    out.push(
      `| ${withFile ? `${code(f.file)} | ` : ""}${f.line}:${f.column} | ${f.code} ${f.severity} | ${code(f.match)} | ${f.replacement ? code(f.replacement) : ""} | ${classText(f)} | ${f.thinking} | ${cell(f.advice || (f.legacyId ? "" : f.message))} |`,
    );
  }
  return out;
}

/**
 * The audit report: the cutoff and days since (or until) it, the run's totals, totals by ID and
 * class, and one table per file (line, ID, replacement, class, thinking, advice).
 */
export function markdownReport(ctx: ReportContext): string {
  const { result } = ctx;
  const s = result.summary;
  const mode = result.options.mode;
  const changed = result.files.filter((f) => f.diff).length;
  const out: string[] = ["# deepseek-migrate audit report", ""];
  out.push(cutoffLine(result), "");
  out.push("| | |", "|---|---|");
  out.push(`| tool | deepseek-migrate ${cell(ctx.version)} |`);
  out.push(`| rules | ${ids(result)} |`);
  out.push(`| files scanned | ${s.files} |`);
  out.push(`| findings | ${s.findings} (${s.safe} safe, ${s.unsafe} unsafe, ${s.none} none) |`);
  out.push(`| by severity | ${s.bySeverity.error} error, ${s.bySeverity.warning} warning, ${s.bySeverity.info} info |`);
  out.push(`| thinking left | ${s.thinkingManual} \`manual\`, ${s.byCode["DSM101"] ?? 0} DSM101 |`);
  out.push(`| suppressed | ${s.suppressed}${s.baselined !== undefined ? ` (${s.baselined} by the baseline)` : ""} |`);
  if (mode === "write") out.push(`| files written | ${result.written.length} |`);
  else out.push(`| files the safe fixes${result.options.unsafeFixes ? " and unsafe fixes" : ""} would change | ${changed} |`);
  out.push(`| errors | ${result.errors.length} |`, "");

  out.push("## Totals by ID and class", "", ...totalsTable(result), "");
  out.push("## Totals by code and severity", "", ...codesTable(result), "", thinkingLine(result), "");

  const files = result.files.filter((f) => f.findings.length > 0);
  out.push("## Findings by file", "");
  if (files.length === 0) out.push("No legacy model IDs found.", "");
  for (const f of files) {
    out.push(`### ${code(f.file)}`, "", ...findingsTable(f.findings, false), "");
  }
  if (result.errors.length) {
    out.push("## Errors", "");
    for (const e of result.errors) out.push(`- ${code(e.file)}: ${cell(e.message)}`);
    out.push("");
  }
  if (result.warnings.length) {
    out.push("## Notes", "");
    for (const w of result.warnings) out.push(`- ${code(w.file)}: ${cell(w.message)}`);
    out.push("");
  }
  out.push(
    "Classes: **safe** fixes are applied by `deepseek-migrate --write`; **unsafe** ones need review and `--unsafe-fixes`; " +
      "**none** are never edited (comparisons and keys that would collide, recorded responses). " +
      "Thinking: **added** (flags written into the request), **present** (already set), **manual** (set them where the request is sent).",
  );
  return out.join("\n") + "\n";
}
