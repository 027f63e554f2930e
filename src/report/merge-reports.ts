/**
 * `deepseek-migrate merge-reports a.json b.json … [--format markdown|json|html] [--flat] [-o FILE]`
 *
 * Combines JSON reports (`--format json`, schemaVersion 1), one per repository of an
 * organisation-wide campaign (or one per `--shard` of a monorepo), into one Markdown audit or one
 * JSON report of the same schema.
 *
 * Each report is named by its file name without `.json` (`reports/payments-api.json` → `payments-api`;
 * when two files share a name, their paths are used instead). Unless `--flat`, every path in the
 * merged output is prefixed with that name (`payments-api/src/app.py`), so findings of different
 * repositories never mix. `--flat` keeps the paths as they are: for the shards of one tree, whose
 * merge is then the unsharded run's report.
 *
 * The Markdown audit (a repository table, then per repository a table per file) reuses the
 * single-run audit's tables (src/report/markdown.ts); it reads only the JSON reports. The HTML
 * page is the single-run page (src/report/html.ts) of the merged JSON report.
 */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.js";
import { renderAudit } from "./html.js";
import { cell, code, cutoffLine, findingsTable } from "./markdown.js";
import { CUTOFF } from "../rules/defaults.js";
import type { RunResult } from "../core/run.js";
import type { Finding } from "../core/types.js";

/** A finding as it appears in a JSON report (fields beyond these are carried through unchanged). */
export interface ReportFinding {
  file: string;
  line: number;
  column: number;
  legacyId: string;
  match?: string;
  replacement: string;
  fix: string;
  thinking: string;
  severity: string;
  message?: string;
  advice?: string;
  suppressed?: boolean;
  [key: string]: unknown;
}

export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  cutoff: string;
  summary: Record<string, number | Record<string, number>>;
  findings: ReportFinding[];
  files: { file: string; diff: string }[];
  errors: { file: string; message: string }[];
  warnings?: { file: string; message: string }[];
  [key: string]: unknown;
}

export interface NamedReport {
  /** The report's name in the merged output (a repository or shard name). */
  name: string;
  /** The file it was read from, as given. */
  source: string;
  report: JsonReport;
}

export type MergeFormat = "markdown" | "json" | "html";

export interface MergeOptions {
  format: MergeFormat;
  /** Keep paths unprefixed (the reports are shards of one tree). */
  flat: boolean;
  /** The clock for "retired N days ago". */
  now: Date;
  /** The version of this tool, for the merged JSON's `tool`. */
  version: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Read and check one JSON report; a UsageError (exit 2) names the file and what is wrong. */
export function readReport(file: string, cwd: string = process.cwd()): JsonReport {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (!isObj(doc)) throw new UsageError(`${file} is not a deepseek-migrate JSON report (expected an object)`);
  if (doc.schemaVersion !== 1) {
    throw new UsageError(`${file}: unsupported schemaVersion ${JSON.stringify(doc.schemaVersion)} (expected 1; write reports with --format json)`);
  }
  for (const key of ["findings", "files", "errors"]) {
    if (!Array.isArray(doc[key])) throw new UsageError(`${file}: "${key}" must be an array`);
  }
  if (!isObj(doc.summary)) throw new UsageError(`${file}: "summary" must be an object`);
  if (doc.warnings !== undefined && !Array.isArray(doc.warnings)) throw new UsageError(`${file}: "warnings" must be an array`);
  (doc.findings as unknown[]).forEach((f, i) => {
    if (!isObj(f) || typeof f.file !== "string" || typeof f.line !== "number" || typeof f.legacyId !== "string") {
      throw new UsageError(`${file}: findings[${i}] needs at least "file", "line" and "legacyId"`);
    }
  });
  return doc as unknown as JsonReport;
}

/** Names for the reports: file name without .json; the path (without .json) when names collide. */
export function reportNames(files: string[]): string[] {
  const base = (f: string) => path.basename(f).replace(/\.json$/i, "");
  const counts = new Map<string, number>();
  for (const f of files) counts.set(base(f), (counts.get(base(f)) ?? 0) + 1);
  return files.map((f) => (counts.get(base(f))! > 1 ? f.split(path.sep).join("/").replace(/^\.\//, "").replace(/\.json$/i, "") : base(f)));
}

function prefixDiff(diff: string, file: string, to: string): string {
  const at = diff.indexOf("\n@@");
  const head = at < 0 ? diff : diff.slice(0, at);
  const rest = at < 0 ? "" : diff.slice(at);
  // Only the header lines name the file: rewrite exactly those names (never a substring search:
  // "a/README.md" is inside "web/README.md").
  const fixed = head
    .split("\n")
    .map((l) => {
      if (l === `diff --git a/${file} b/${file}`) return `diff --git a/${to} b/${to}`;
      for (const lead of ["--- a/", "+++ b/"]) {
        if (l === lead + file || l.startsWith(`${lead}${file}\t`)) return lead + to + l.slice(lead.length + file.length);
      }
      return l;
    })
    .join("\n");
  return fixed + rest;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One JSON report (schemaVersion 1) from many: summaries summed key by key, paths prefixed with
 * each report's name (unless flat), findings in path then position order (the order of an
 * unsharded run), diffs, errors and warnings carried over.
 */
export function mergeJson(inputs: NamedReport[], opts: Pick<MergeOptions, "flat" | "version">): JsonReport {
  const summary: Record<string, number | Record<string, number>> = {};
  const findings: ReportFinding[] = [];
  const files: JsonReport["files"] = [];
  const errors: JsonReport["errors"] = [];
  const warnings: NonNullable<JsonReport["warnings"]> = [];
  const cutoffs = new Set<string>();
  for (const { name, report } of inputs) {
    const p = (file: string) => (opts.flat ? file : `${name}/${file}`);
    cutoffs.add(report.cutoff);
    for (const [k, v] of Object.entries(report.summary)) {
      if (typeof v === "number") summary[k] = ((summary[k] as number | undefined) ?? 0) + v;
      else if (isObj(v)) {
        // bySeverity, byCode: summed per key.
        const into = (summary[k] ??= {}) as Record<string, number>;
        for (const [kk, n] of Object.entries(v)) if (typeof n === "number") into[kk] = (into[kk] ?? 0) + n;
      }
    }
    for (const f of report.findings) findings.push({ ...f, file: p(f.file) });
    for (const f of report.files) files.push({ ...f, file: p(f.file), diff: opts.flat ? f.diff : prefixDiff(f.diff, f.file, p(f.file)) });
    for (const e of report.errors) errors.push({ ...e, file: p(e.file) });
    for (const w of report.warnings ?? []) warnings.push({ ...w, file: p(w.file) });
  }
  if (cutoffs.size > 1) throw new UsageError(`the reports disagree on the cutoff (${[...cutoffs].join(", ")}); merge reports of one migration`);
  findings.sort((a, b) => byPath(a.file, b.file) || a.line - b.line || a.column - b.column);
  files.sort((a, b) => byPath(a.file, b.file));
  const stable = <T extends { file: string }>(list: T[]) => list.map((x, i) => [x, i] as const).sort((a, b) => byPath(a[0].file, b[0].file) || a[1] - b[1]).map(([x]) => x);
  return {
    schemaVersion: 1,
    tool: { name: "deepseek-migrate", version: opts.version },
    cutoff: [...cutoffs][0] ?? CUTOFF,
    summary,
    findings,
    files,
    errors: stable(errors),
    warnings: stable(warnings),
  };
}

const CLASSES = ["safe", "unsafe", "none"] as const;

/** Findings of a JSON report in the shape the Markdown reporter's tables read. */
function asFindings(list: ReportFinding[]): Finding[] {
  return list.map(
    (f) =>
      ({
        ...f,
        // Reports written before rule codes: every finding was a retired model ID.
        code: (f as { code?: string }).code ?? "DSM001",
        severity: f.severity ?? "error",
        match: f.match ?? f.legacyId,
        advice: f.advice ?? "",
        suppressed: !!f.suppressed,
      }) as unknown as Finding,
  );
}

/**
 * The organisation-wide audit: the cutoff, totals, totals by ID, a row per repository, then per
 * repository a table per file. The per-file tables and the cutoff line are the single-run audit's
 * (`--format markdown`, src/report/markdown.ts), so both read the same.
 */
export function renderMergedMarkdown(inputs: NamedReport[], opts: Pick<MergeOptions, "now" | "flat">): string {
  const out: string[] = [];
  const unit = opts.flat ? "report" : "repository";
  const units = opts.flat ? "reports" : "repositories";
  const active = (r: JsonReport) => r.findings.filter((f) => !f.suppressed);
  const all = inputs.flatMap((i) => active(i.report));
  const sum = (key: string) => inputs.reduce((n, i) => n + (typeof i.report.summary[key] === "number" ? i.report.summary[key] : 0), 0);
  const errors = inputs.reduce((n, i) => n + i.report.errors.length, 0);
  const pending = inputs.filter((i) => i.report.findings.length > 0 || i.report.errors.length > 0);
  const needing = inputs.filter((i) => active(i.report).length > 0 || i.report.errors.length > 0);

  out.push(`# deepseek-migrate audit report: ${inputs.length} ${inputs.length === 1 ? unit : units}`, "");
  out.push(cutoffLine({ options: { now: opts.now } } as RunResult), "");
  out.push(`${needing.length} of ${inputs.length} ${units} need${needing.length === 1 ? "s" : ""} attention; ${inputs.length - needing.length} ${inputs.length - needing.length === 1 ? "is" : "are"} clean.`, "");

  out.push("## Totals", "");
  out.push(`| ${units} | files scanned | findings | safe | unsafe | none | suppressed | errors |`, "|---:|---:|---:|---:|---:|---:|---:|---:|");
  out.push(`| ${inputs.length} | ${sum("files")} | ${all.length} | ${CLASSES.map((c) => all.filter((f) => f.fix === c).length).join(" | ")} | ${sum("suppressed")} | ${errors} |`, "");

  const ids = [...new Set(all.map((f) => f.legacyId))].sort();
  if (ids.length > 0) {
    out.push(`| ID | findings | safe | unsafe | none | ${units} |`, "|---|---:|---:|---:|---:|---:|");
    for (const id of ids) {
      const of = all.filter((f) => f.legacyId === id);
      const where = inputs.filter((i) => active(i.report).some((f) => f.legacyId === id)).length;
      out.push(`| ${code(id)} | ${of.length} | ${CLASSES.map((c) => of.filter((f) => f.fix === c).length).join(" | ")} | ${where} |`);
    }
    out.push("");
  }

  out.push(`## ${opts.flat ? "Reports" : "Repositories"}`, "");
  out.push(`| ${unit} | files scanned | findings | safe | unsafe | none | suppressed | errors | status |`, "|---|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const { name, report } of inputs) {
    const a = active(report);
    const status = report.errors.length > 0 ? "errors" : a.length === 0 ? "clean" : a.some((f) => f.fix === "safe") ? "fixes available" : "needs review";
    out.push(
      `| ${code(name)} | ${report.summary.files ?? ""} | ${a.length} | ${CLASSES.map((c) => a.filter((f) => f.fix === c).length).join(" | ")} | ${report.summary.suppressed ?? 0} | ${report.errors.length} | ${status} |`,
    );
  }
  out.push("");

  for (const { name, report } of pending) {
    out.push(`## ${code(name)}`, "");
    const byFile = new Map<string, ReportFinding[]>();
    for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const file of [...byFile.keys()].sort(byPath)) {
      const list = byFile.get(file)!.sort((x, y) => x.line - y.line || x.column - y.column);
      out.push(`### ${code(file)}`, "", ...findingsTable(asFindings(list), false), "");
    }
    if (report.errors.length > 0) {
      out.push("Errors:", "");
      for (const e of report.errors) out.push(`- ${code(e.file)}: ${cell(e.message)}`);
      out.push("");
    }
  }
  out.push(
    "Classes: **safe** fixes are applied by `deepseek-migrate --write`; **unsafe** ones need review and `--unsafe-fixes`; " +
      "**none** are never edited. Thinking: **added**, **present**, **manual** (set the flags where the request is sent).",
  );
  return out.join("\n") + "\n";
}

/** The HTML audit page of the merged JSON report (the rules are the IDs its findings name). */
export function renderMergedHtml(inputs: NamedReport[], opts: Pick<MergeOptions, "now" | "flat" | "version">): string {
  const merged = mergeJson(inputs, opts);
  const rules = new Map<string, string>();
  for (const f of merged.findings) if (!rules.has(f.legacyId)) rules.set(f.legacyId, f.replacement);
  const n = inputs.length;
  return renderAudit({
    subtitle: `${n} ${opts.flat ? (n === 1 ? "report" : "reports") : n === 1 ? "repository" : "repositories"}`,
    version: opts.version,
    now: opts.now,
    mode: "merged",
    unsafeFixes: false,
    rules: [...rules].sort(([a], [b]) => byPath(a, b)).map(([legacyId, target]) => ({ legacyId, target })),
    filesScanned: typeof merged.summary.files === "number" ? merged.summary.files : 0,
    findings: merged.findings,
    diffs: new Map(merged.files.map((f) => [f.file, f.diff])),
    errors: merged.errors,
    warnings: merged.warnings ?? [],
    written: [],
  });
}

/** Read the reports and render the merge: what `deepseek-migrate merge-reports` prints. */
export function mergeReports(files: string[], opts: MergeOptions, cwd: string = process.cwd()): string {
  if (files.length === 0) throw new UsageError("merge-reports needs at least one JSON report");
  const names = reportNames(files);
  const inputs: NamedReport[] = files.map((source, i) => ({ name: names[i], source, report: readReport(source, cwd) }));
  const cutoffs = [...new Set(inputs.map((i) => i.report.cutoff))];
  if (cutoffs.length > 1) throw new UsageError(`the reports disagree on the cutoff (${cutoffs.join(", ")}); merge reports of one migration`);
  if (opts.format === "json") return JSON.stringify(mergeJson(inputs, opts), null, 2) + "\n";
  if (opts.format === "html") return renderMergedHtml(inputs, opts);
  return renderMergedMarkdown(inputs, opts);
}
