import { Chalk } from "chalk";
import { writeOutcome, type RemainingReason, type WriteOutcome } from "../core/outcome.js";
import type { FileResult, Finding, FixClass } from "../core/types.js";
import { statisticsLines } from "./statistics.js";
import type { ReportContext } from "./types.js";

/** Findings listed per file before "… N more" (all with --verbose): long outputs stay skimmable. */
export const FINDINGS_PER_FILE = 10;
/** Above this many findings, the summary points at --statistics. */
const STATISTICS_HINT = 50;

/** After --write, why a finding is still there (docs/cli.md "What --write reports"). */
const REMAINING: Record<RemainingReason, string> = {
  unsafe: "not fixed: review it, then --unsafe-fixes or edit by hand",
  none: "not fixed: needs a decision",
  "not-written": "not fixed: could not be applied or written (see the notes and errors)",
  declined: "not fixed: declined",
};

/**
 * Human output: findings grouped by file, the diff, one summary line, a hint for hidden unsafe
 * fixes. After --write: only what remains, each with the reason, then what was fixed per file and
 * the renamed requests whose thinking flags need a person.
 */
export function prettyReport(ctx: ReportContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const { result } = ctx;
  const style: Style = {
    c,
    cls: { safe: (s) => c.green(s), unsafe: (s) => c.yellow(s), none: (s) => c.magenta(s) },
  };
  // After --write, a fixed finding is not listed as a problem: it is counted below.
  const outcome = result.options.mode === "write" ? writeOutcome(result) : undefined;
  const out: string[] = [];
  if (ctx.statistics) {
    // --statistics: the tables replace the per-file listing (and the lists of fixed and manual findings).
    out.push(...statisticsLines(result, c, !!ctx.verbose));
  } else {
    const why = new Map(outcome?.remaining.map((r) => [r.finding, r.reason]));
    for (const file of result.files) out.push(...fileLines(ctx, style, file, outcome, why));
    if (outcome) out.push(...writtenLines(style, outcome, ctx.quiet));
  }
  out.push(...noteLines(ctx, c));
  out.push(...summaryLines(ctx, style, outcome));
  return out.join("\n") + "\n";
}

interface Style {
  c: InstanceType<typeof Chalk>;
  /** Each fix class in its colour. */
  cls: Record<FixClass, (s: string) => string>;
}

/** One file: its findings (after --write, the remaining ones with the reason), then its diff. */
function fileLines(ctx: ReportContext, style: Style, file: FileResult, outcome: WriteOutcome | undefined, why: Map<Finding, RemainingReason>): string[] {
  const { c } = style;
  const mode = ctx.result.options.mode;
  const shown = file.findings.filter((f) => !f.suppressed && (!outcome || why.has(f)));
  // check shows no diff: a file whose findings are all suppressed (or baselined) has nothing to show.
  // --write shows none either: the files are written (git diff shows them).
  if (shown.length === 0 && (mode === "check" || outcome || !file.diff)) return [];
  const out = [c.bold.underline(file.file)];
  const listed = ctx.verbose ? shown : shown.slice(0, FINDINGS_PER_FILE);
  for (const f of listed) out.push(...findingLines(ctx, style, f, why.get(f)));
  if (listed.length < shown.length) out.push(c.dim(`  … ${shown.length - listed.length} more in this file (--verbose lists all)`));
  // (The diff last: `check` defers its diffs, and reading one makes it.)
  if (mode !== "check" && !outcome && !ctx.quiet && file.diff) out.push("", ...diffLines(c, file.diff));
  out.push("");
  return out;
}

function findingLines(ctx: ReportContext, { c, cls }: Style, f: Finding, reason: RemainingReason | undefined): string[] {
  const sev = f.severity === "error" ? c.red("error") : f.severity === "warning" ? c.yellow("warning") : c.blue("info");
  const out: string[] = [];
  if (!f.legacyId) {
    // A request lint: its code, its message, and the fix when it has one.
    out.push(
      `  ${c.dim(`${f.line}:${f.column}`)}  ${sev}  ${c.bold(f.code)} ${f.message}` +
        (f.fix !== "none" ? `  ${cls[f.fix](`[${f.fix}]`)}` : "") +
        (reason ? `  ${c.dim(REMAINING[reason])}` : ""),
    );
  } else {
    out.push(
      `  ${c.dim(`${f.line}:${f.column}`)}  ${sev}  ${c.dim(f.code)} ${c.bold(f.match)} → ${f.fix === "none" ? c.dim(f.severity === "info" ? "(still works)" : "(not renamed)") : f.replacement}  ${cls[f.fix](`[${f.fix}]`)}` +
        (f.thinking !== "not-applicable" ? c.dim(` thinking: ${f.thinking}`) : "") +
        (reason ? `  ${c.dim(REMAINING[reason])}` : ""),
    );
  }
  if (!ctx.quiet && f.advice) out.push(`      ${c.dim(f.advice)}`);
  else if (!ctx.quiet && f.severity === "info" && f.legacyId) out.push(`      ${c.dim(f.message)}`);
  return out;
}

function diffLines(c: InstanceType<typeof Chalk>, diff: string): string[] {
  return diff
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")) return c.bold(line);
      if (line.startsWith("+")) return c.green(line);
      if (line.startsWith("-")) return c.red(line);
      if (line.startsWith("@@")) return c.cyan(line);
      return line;
    });
}

/** After --write: what was fixed per file, and the renamed requests whose thinking flags need a person. */
function writtenLines({ c }: Style, outcome: WriteOutcome, quiet: boolean): string[] {
  const out: string[] = [];
  if (outcome.fixed.length > 0) {
    const n = outcome.fixed.length;
    out.push(c.bold(`Fixed ${n} finding${n === 1 ? "" : "s"} in ${outcome.fixedByFile.size} file${outcome.fixedByFile.size === 1 ? "" : "s"}:`));
    const width = Math.max(...[...outcome.fixedByFile.keys()].map((f) => f.length));
    for (const [file, count] of outcome.fixedByFile) out.push(`  ${file.padEnd(width)}  ${c.green(String(count))}`);
    out.push("");
  }
  if (outcome.manual.length > 0) {
    const n = outcome.manual.length;
    out.push(
      c.bold(`Renamed, but the thinking flags could not be written (thinking: manual): set them where the request is sent (${n}):`),
    );
    for (const f of outcome.manual) out.push(manualLine(c, f, quiet));
    out.push("");
  }
  return out;
}

/** The run's errors, and its notes unless --quiet. */
function noteLines(ctx: ReportContext, c: InstanceType<typeof Chalk>): string[] {
  const { result } = ctx;
  const out: string[] = [];
  for (const e of result.errors) out.push(`${c.red("error")} ${e.file}: ${e.message}`);
  if (!ctx.quiet) for (const w of result.warnings) out.push(`${c.yellow("note")} ${w.file}: ${w.message}`);
  if (result.errors.length || (!ctx.quiet && result.warnings.length)) out.push("");
  return out;
}

/** The summary line, what --write left, the counts by severity and code, and the hints. */
function summaryLines(ctx: ReportContext, { c, cls }: Style, outcome: WriteOutcome | undefined): string[] {
  const { result } = ctx;
  const mode = result.options.mode;
  const s = result.summary;
  const out: string[] = [];
  // (Not read by check: its diffs are made only when a report reads them.)
  const changedFiles = mode === "check" ? 0 : result.files.filter((f) => f.diff).length;
  const verb = mode === "write" ? `${result.written.length} file${result.written.length === 1 ? "" : "s"} written` : `${changedFiles} file${changedFiles === 1 ? "" : "s"} would change`;
  out.push(
    `${s.files} file${s.files === 1 ? "" : "s"} scanned, ${s.findings} finding${s.findings === 1 ? "" : "s"} ` +
      `(${cls.safe(`${s.safe} safe`)}, ${cls.unsafe(`${s.unsafe} unsafe`)}, ${cls.none(`${s.none} none`)}` +
      `${s.suppressed ? `, ${s.suppressed} suppressed` : ""}), ` +
      (mode === "check" ? "" : `${verb}, `) +
      `${result.errors.length} error${result.errors.length === 1 ? "" : "s"}`,
  );
  if (outcome) out.push(remainingLine(outcome));
  const bySev = `${s.bySeverity.error} error${s.bySeverity.error === 1 ? "" : "s"}, ${s.bySeverity.warning} warning${s.bySeverity.warning === 1 ? "" : "s"}, ${s.bySeverity.info} info`;
  const codes = Object.entries(s.byCode)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  if (s.findings > 0) out.push(`By severity: ${bySev}; by code: ${codes}.`);
  const thinking = thinkingLine(s.thinkingManual, s.byCode["DSM101"] ?? 0);
  if (thinking) out.push(c.yellow(thinking));
  const hiddenUnsafe = result.findings.filter((f) => !f.suppressed && f.fix === "unsafe").length;
  if (hiddenUnsafe > 0 && !result.options.unsafeFixes && mode === "dry-run")
    out.push(c.dim(`${hiddenUnsafe} unsafe fix${hiddenUnsafe === 1 ? " is" : "es are"} hidden; review them and pass --unsafe-fixes to apply.`));
  if (!ctx.statistics && s.findings > STATISTICS_HINT)
    out.push(c.dim(`${s.findings} findings in ${new Set(result.findings.filter((f) => !f.suppressed).map((f) => f.file)).size} files: --statistics counts them per rule, file kind and folder.`));
  if (mode === "dry-run" && changedFiles > 0) out.push(c.dim("Dry run: nothing was written. Pass --write to apply the safe fixes."));
  return out;
}

/** After --write: how many findings were fixed, how many remain and why. */
function remainingLine(outcome: WriteOutcome): string {
  const by = (r: RemainingReason) => outcome.remaining.filter((x) => x.reason === r).length;
  const parts = [
    by("unsafe") ? `${by("unsafe")} unsafe: review, then --unsafe-fixes` : "",
    by("none") ? `${by("none")} none: need a decision` : "",
    by("not-written") ? `${by("not-written")} could not be written` : "",
    by("declined") ? `${by("declined")} declined` : "",
  ].filter(Boolean);
  const total = outcome.fixed.length + outcome.remaining.length;
  return `Found ${total} finding${total === 1 ? "" : "s"} (${outcome.fixed.length} fixed, ${outcome.remaining.length} remaining${parts.length ? `: ${parts.join("; ")}` : ""}).`;
}

/** The thinking work left (renamed values with thinking: manual, requests without explicit thinking), if any. */
function thinkingLine(thinkingManual: number, lintThinking: number): string | undefined {
  if (thinkingManual === 0 && lintThinking === 0) return undefined;
  return (
    `Thinking work left: ` +
    [
      thinkingManual > 0 ? `${thinkingManual} renamed value${thinkingManual === 1 ? "" : "s"} with thinking: manual (set the flags where the request is sent)` : "",
      lintThinking > 0 ? `${lintThinking} request${lintThinking === 1 ? "" : "s"} without explicit thinking (DSM101)` : "",
    ]
      .filter(Boolean)
      .join("; ") +
    "."
  );
}

/** One renamed finding whose request needs its thinking flags set by hand. */
function manualLine(c: InstanceType<typeof Chalk>, f: Finding, quiet: boolean): string {
  const flags = f.advice.match(/Set (.+?) on (?:that request|the requests)/)?.[1];
  return `  ${f.file}:${f.line}:${f.column}  ${f.match} → ${f.replacement}` + (flags && !quiet ? c.dim(`  set ${flags}`) : "");
}
