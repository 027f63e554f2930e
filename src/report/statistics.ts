import type { ChalkInstance } from "chalk";
import type { RunResult } from "../core/run.js";
import type { Finding, FixClass } from "../core/types.js";

/** Rows shown per table before "… N more" (all with --verbose). */
export const STATISTICS_ROWS = 30;

interface Row {
  key: string[];
  count: number;
  safe: number;
  unsafe: number;
  none: number;
}

/** The folder a finding is counted under: its file's folder, at most two levels deep ("./" at the top). */
export function folderOf(file: string): string {
  const parts = file.split("/").slice(0, -1);
  return parts.length === 0 ? "./" : parts.slice(0, 2).join("/") + "/";
}

function tally(findings: Finding[], keyOf: (f: Finding) => string[]): Row[] {
  const rows = new Map<string, Row>();
  for (const f of findings) {
    const key = keyOf(f);
    const id = key.join("\u0000");
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { key, count: 0, safe: 0, unsafe: 0, none: 0 }));
    row.count++;
    row[f.fix as FixClass]++;
  }
  // Most findings first; ties by name, so the order is stable.
  return [...rows.values()].sort((a, b) => b.count - a.count || (a.key.join("/") < b.key.join("/") ? -1 : 1));
}

/**
 * `--statistics` (like ruff's): the unsuppressed findings counted per rule code (when findings carry
 * one) and legacy ID, per file kind and per folder, each split by fix class. Plain text lines.
 */
export function statisticsLines(result: RunResult, c: ChalkInstance, verbose: boolean): string[] {
  const findings = result.findings.filter((f) => !f.suppressed);
  if (findings.length === 0) return [];
  const kindOf = new Map(result.files.map((f) => [f.file, f.adapter ?? "unknown"]));
  const codeOf = (f: Finding) => (f as Finding & { code?: string }).code;
  const withCode = findings.some((f) => codeOf(f) !== undefined);
  const out: string[] = [];
  const table = (title: string, heads: string[], rows: Row[], what: string) => {
    const shown = verbose ? rows : rows.slice(0, STATISTICS_ROWS);
    const widths = heads.map((h, i) => Math.max(h.length, ...shown.map((r) => r.key[i]!.length)));
    const num = (n: number | string, w = 6) => String(n).padStart(w);
    out.push(c.bold(title));
    out.push(c.dim(`  ${num("count")}  ${num("safe")}  ${num("unsafe")}  ${num("none")}  ${heads.map((h, i) => h.padEnd(widths[i]!)).join("  ")}`.trimEnd()));
    for (const r of shown)
      out.push(`  ${num(r.count)}  ${num(r.safe)}  ${num(r.unsafe)}  ${num(r.none)}  ${r.key.map((k, i) => k.padEnd(widths[i]!)).join("  ")}`.trimEnd());
    if (shown.length < rows.length) out.push(c.dim(`  … ${rows.length - shown.length} more ${what} (--verbose shows all)`));
    out.push("");
  };
  table(
    withCode ? "By rule:" : "By legacy ID:",
    withCode ? ["code", "legacy ID"] : ["legacy ID"],
    tally(findings, (f) => (withCode ? [codeOf(f) ?? "-", f.legacyId] : [f.legacyId])),
    "rules",
  );
  table("By file kind:", ["kind"], tally(findings, (f) => [kindOf.get(f.file) ?? "unknown"]), "kinds");
  table("By folder:", ["folder"], tally(findings, (f) => [folderOf(f.file)]), "folders");
  return out;
}
