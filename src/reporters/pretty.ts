import { Chalk } from "chalk";
import type { FixClass } from "../types.js";
import type { ReportContext } from "./types.js";

/** Human output: findings grouped by file, the diff, one summary line, a hint for hidden unsafe fixes. */
export function prettyReport(ctx: ReportContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const { result } = ctx;
  const mode = result.options.mode;
  const out: string[] = [];
  const cls: Record<FixClass, (s: string) => string> = {
    safe: (s) => c.green(s),
    unsafe: (s) => c.yellow(s),
    none: (s) => c.magenta(s),
  };
  for (const file of result.files) {
    const shown = file.findings.filter((f) => !f.suppressed);
    // check shows no diff: a file whose findings are all suppressed (or baselined) has nothing to show.
    if (shown.length === 0 && (!file.diff || mode === "check")) continue;
    out.push(c.bold.underline(file.file));
    for (const f of shown) {
      const sev = f.severity === "error" ? c.red("error") : c.yellow("warning");
      out.push(
        `  ${c.dim(`${f.line}:${f.column}`)}  ${sev}  ${c.bold(f.match)} → ${f.fix === "none" ? c.dim("(not renamed)") : f.replacement}  ${cls[f.fix](`[${f.fix}]`)}` +
          (f.thinking !== "not-applicable" ? c.dim(` thinking: ${f.thinking}`) : ""),
      );
      if (!ctx.quiet && f.advice) out.push(`      ${c.dim(f.advice)}`);
    }
    if (file.diff && !ctx.quiet && mode !== "check") {
      out.push("");
      for (const line of file.diff.replace(/\n$/, "").split("\n")) {
        if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")) out.push(c.bold(line));
        else if (line.startsWith("+")) out.push(c.green(line));
        else if (line.startsWith("-")) out.push(c.red(line));
        else if (line.startsWith("@@")) out.push(c.cyan(line));
        else out.push(line);
      }
    }
    out.push("");
  }
  for (const e of result.errors) out.push(`${c.red("error")} ${e.file}: ${e.message}`);
  if (!ctx.quiet) for (const w of result.warnings) out.push(`${c.yellow("note")} ${w.file}: ${w.message}`);
  if (result.errors.length || (!ctx.quiet && result.warnings.length)) out.push("");

  const s = result.summary;
  const changedFiles = result.files.filter((f) => f.diff).length;
  const verb = mode === "write" ? `${result.written.length} file${result.written.length === 1 ? "" : "s"} written` : `${changedFiles} file${changedFiles === 1 ? "" : "s"} would change`;
  out.push(
    `${s.files} file${s.files === 1 ? "" : "s"} scanned, ${s.findings} finding${s.findings === 1 ? "" : "s"} ` +
      `(${cls.safe(`${s.safe} safe`)}, ${cls.unsafe(`${s.unsafe} unsafe`)}, ${cls.none(`${s.none} none`)}` +
      `${s.suppressed ? `, ${s.suppressed} suppressed` : ""}), ` +
      (mode === "check" ? "" : `${verb}, `) +
      `${result.errors.length} error${result.errors.length === 1 ? "" : "s"}`,
  );
  const hiddenUnsafe = result.findings.filter((f) => !f.suppressed && f.fix === "unsafe").length;
  if (hiddenUnsafe > 0 && !result.options.unsafeFixes && mode !== "check")
    out.push(c.dim(`${hiddenUnsafe} unsafe fix${hiddenUnsafe === 1 ? " is" : "es are"} hidden; review them and pass --unsafe-fixes to apply.`));
  if (mode === "dry-run" && changedFiles > 0) out.push(c.dim("Dry run: nothing was written. Pass --write to apply the safe fixes."));
  return out.join("\n") + "\n";
}
