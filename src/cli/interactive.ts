import readline from "node:readline";
import { Chalk } from "chalk";
import { UsageError } from "../core/errors.js";
import { applyEditGroups } from "../fix/apply.js";
import { unifiedDiff } from "../fix/diff.js";
import type { RunResult } from "../core/run.js";
import type { FileResult, Finding } from "../core/types.js";
import { dirtyFiles } from "../write/git.js";

export interface ReviewIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
}

export interface ReviewOutcome {
  /** Fixes offered. */
  offered: number;
  accepted: number;
  /** The user answered "q" (or the input ended) before the last fix. */
  quit: boolean;
}

/** The fixes the run would apply: safe ones, plus unsafe ones with --unsafe-fixes. */
function candidates(result: RunResult, file: FileResult): Finding[] {
  if (file.text === undefined) return [];
  return file.findings.filter(
    (f) => !f.suppressed && f.edits.length > 0 && (f.fix === "safe" || (f.fix === "unsafe" && result.options.unsafeFixes)),
  );
}

/** Interactive review needs a terminal on both ends. */
export function assertInteractivePossible(stdinIsTTY: boolean | undefined, stdoutIsTTY: boolean | undefined): void {
  if (!stdinIsTTY || !stdoutIsTTY)
    throw new UsageError(
      `--interactive needs a terminal (standard ${!stdinIsTTY ? "input" : "output"} is not one); ` +
        "review the dry-run diff or a --patch file instead, then run --write",
    );
}

const HELP = "y - apply this fix\nn - skip this fix\na - apply this fix and every remaining one\nq - skip this fix and every remaining one, then write what was accepted\n? - this help";

/**
 * Ask about each fix, one at a time (file by file, in position order): yes / no / all / quit.
 * Then recompute each file's fixed text from the accepted fixes only (whole fixes: a rename and its
 * thinking flags go together) and its diff. The caller writes through the usual guarded writer.
 */
export async function reviewFixes(result: RunResult, io: ReviewIO): Promise<ReviewOutcome> {
  const queue = result.files.flatMap((file) => candidates(result, file).map((f) => ({ file, f })));
  const outcome: ReviewOutcome = { offered: queue.length, accepted: 0, quit: false };
  // Fail before any question when the writer would refuse anyway (uncommitted changes).
  if (queue.length > 0 && !result.options.allowDirty) refuseDirty([...new Set(queue.map((q) => q.file))]);
  const accepted = await askEach(queue, io, outcome);
  applyAccepted(result, accepted, outcome);
  return outcome;
}

type Question = { file: FileResult; f: Finding };

/** The writer's refusal, early: files with uncommitted changes. */
function refuseDirty(files: FileResult[]): void {
  let dirty = new Set<string>();
  try {
    dirty = new Set(dirtyFiles(files.map((f) => f.absPath)));
  } catch {
    // git could not tell: the writer's own check decides after the questions.
  }
  const names = files.filter((f) => dirty.has(f.absPath)).map((f) => f.file);
  if (names.length > 0)
    throw new UsageError(
      `refusing to write: ${names.length} file(s) have uncommitted changes (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}); commit or stash them, or pass --allow-dirty`,
    );
}

/** Each fix shown with its diff, and the answer read; the fixes accepted (sets `outcome.quit`). */
async function askEach(queue: Question[], io: ReviewIO, outcome: ReviewOutcome): Promise<Set<Finding>> {
  const c = new Chalk({ level: io.color ? 1 : 0 });
  const accepted = new Set<Finding>();
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    io.output.write(prompt);
    const next = await lines.next();
    return next.done ? undefined : String(next.value).trim().toLowerCase();
  };

  let all = false;
  try {
    for (let i = 0; i < queue.length; i++) {
      const { file, f } = queue[i]!;
      if (all) {
        accepted.add(f);
        continue;
      }
      io.output.write(fixPreview(c, file, f));
      let answer: string | undefined;
      for (;;) {
        answer = await ask(`(${i + 1}/${queue.length}) Apply this fix [y,n,a,q,?]? `);
        if (answer === undefined || ["y", "yes", "n", "no", "a", "all", "q", "quit"].includes(answer)) break;
        io.output.write(HELP + "\n");
      }
      if (answer === undefined || answer.startsWith("q")) {
        outcome.quit = i < queue.length - 1 || answer === undefined;
        if (answer === undefined) io.output.write("\n");
        break;
      }
      if (answer.startsWith("y")) accepted.add(f);
      else if (answer.startsWith("a")) {
        accepted.add(f);
        all = true;
      }
    }
  } finally {
    rl.close();
  }
  return accepted;
}

/** A fix as the question shows it: where, what, its advice, and the diff of this fix alone. */
function fixPreview(c: InstanceType<typeof Chalk>, file: FileResult, f: Finding): string {
  const preview = unifiedDiff(file.file, file.text!, applyEditGroups(file.text!, [f.edits]).text);
  return (
    `\n${c.bold(`${file.file}:${f.line}:${f.column}`)}  ${c.bold(f.match)} → ${f.replacement}  [${f.fix}]` +
    (f.thinking !== "not-applicable" ? c.dim(` thinking: ${f.thinking}`) : "") +
    "\n" +
    (f.advice ? c.dim(`  ${f.advice}\n`) : "") +
    preview
      .split("\n")
      .filter((l) => l && !l.startsWith("diff --git"))
      .map((l) => (l.startsWith("+") && !l.startsWith("+++") ? c.green(l) : l.startsWith("-") && !l.startsWith("---") ? c.red(l) : l))
      .join("\n") +
    "\n"
  );
}

/** Recompute every file's fixed text and diff from the accepted fixes only (counts them in `outcome.accepted`). */
function applyAccepted(result: RunResult, accepted: Set<Finding>, outcome: ReviewOutcome): void {
  for (const file of result.files) {
    if (file.text === undefined) continue;
    const chosen = file.findings.filter((f) => accepted.has(f));
    const { text: fixed, applied } = applyEditGroups(
      file.text,
      chosen.map((f) => f.edits),
    );
    applied.forEach((ok, k) => {
      if (!ok) result.warnings.push({ file: file.file, message: `fix at line ${chosen[k]!.line} overlaps another fix; not applied this run` });
    });
    // Only the accepted fixes were asked for (src/core/outcome.ts).
    for (const f of file.findings) delete f.applied;
    chosen.forEach((f, k) => (f.applied = applied[k]!));
    outcome.accepted += applied.filter(Boolean).length;
    file.fixed = fixed;
    file.diff = unifiedDiff(file.file, file.text, fixed);
  }
}
