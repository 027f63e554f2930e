/**
 * The command line's runner: each command's action, and the one place outcomes become exit codes.
 * What the command line accepts (options, help texts) is in commands.ts.
 */
import fs from "node:fs";
import { Command, CommanderError } from "commander";
import { resolveNow } from "../core/clock.js";
import { UsageError } from "../core/errors.js";
import type { Mode, RunOptions } from "../core/options.js";
import { ownFileExcludes, resolveSettings, type Settings } from "../core/config.js";
import { ProgressLine } from "./progress.js";
import { requestedFixMissing } from "../core/outcome.js";
import { loadReporter } from "../report/load.js";
import { defaultOptions, run, writeAll, type RunResult } from "../core/run.js";
import { installSignalHandlers, interruptSummary, type StopSignal } from "./signals.js";
import { VERSION } from "../core/version.js";
import { DEFAULT_CACHE_FILE } from "../core/cache.js";
import { parseShard } from "../walk/shard.js";
import type { Severity } from "../core/types.js";
import { addCommonOptions, addMergeReportsOptions, type CliFlags, type MergeReportsFlags } from "./commands.js";

/** Severities from the lowest: a finding fails the run when it is at or above --fail-on. */
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** What happened, for the one place that maps outcomes to exit codes. */
type Outcome =
  | { kind: "usage-error"; message: string }
  | { kind: "interrupted"; signal: StopSignal }
  | { kind: "merged" }
  | { kind: "done"; mode: Mode; result: RunResult; exitZero: boolean; failOn?: Severity };

/**
 * The only place outcomes become exit codes (docs/cli.md "Exit codes"):
 * 0 nothing to report, or everything requested was applied; 1 findings remain or a file could not
 * be read or written; 2 usage, configuration or I/O error, and a run that could not look
 * everywhere it was asked to (a start path or folder it could not read).
 */
export function exitCodeFor(outcome: Outcome): number {
  if (outcome.kind === "usage-error") return 2;
  if (outcome.kind === "interrupted") return SIGNAL_EXIT[outcome.signal];
  if (outcome.kind === "merged") return 0; // merge-reports renders an audit; it is not a gate
  const { result, mode } = outcome;
  if (result.interrupted) return SIGNAL_EXIT[result.interrupted];
  if (result.unreadable.length > 0) return 2;
  if (result.errors.length > 0) return 1;
  if (outcome.exitZero) return 0;
  // --write: 1 when a fix it was asked for is not on disk; what it was not asked to fix is reported.
  if (mode === "write") return requestedFixMissing(result) ? 1 : 0;
  // --fail-on (default error): only findings at or above it fail the run; the others are reported.
  const floor = SEVERITY_RANK[outcome.failOn ?? "error"];
  return result.findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= floor) ? 1 : 0;
}

/** A run stopped by a signal exits 128 + the signal's number, as a shell reports it. */
const SIGNAL_EXIT: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** A report goes to -o FILE or to standard output. */
function emit(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(output, text);
  } catch (e) {
    throw new UsageError(`cannot write ${output}: ${(e as Error).message}`);
  }
}

function useColor(flags: CliFlags): boolean {
  if (flags.output) return flags.color === true;
  if (flags.color !== undefined && process.argv.some((a) => a === "--color" || a === "--no-color")) return flags.color;
  if ("NO_COLOR" in process.env && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return process.stdout.isTTY === true;
}

/** A dry run, --write, -i or `check`: its exit code. */
async function execute(mode: Mode, paths: string[], flags: CliFlags): Promise<number> {
  let outcome: Outcome;
  try {
    outcome = await migrate(mode, paths, flags);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`deepseek-migrate: ${e.message}\n`);
    outcome = { kind: "usage-error", message: e.message };
  }
  return exitCodeFor(outcome);
}

/** Settings, scan (and write), the baseline, the patch, the report; usage problems throw a UsageError. */
async function migrate(mode: Mode, paths: string[], flags: CliFlags): Promise<Outcome> {
  flags.include ??= [];
  flags.exclude ??= [];
  const cwd = process.cwd();
  const settings = await resolveSettings(
    cwd,
    {
      reasonerTarget: flags.reasonerTarget,
      include: flags.include,
      exclude: flags.exclude,
      to: flags.to,
      select: flags.select ?? [],
      ignore: flags.ignoreCodes ?? [],
      failOn: flags.failOn,
    },
    flags.config,
  );
  // Features a run may not use load on demand (startup time; src/cli/main.ts).
  const baselines = flags.baseline !== undefined ? await import("../core/baseline.js") : undefined;
  const baseline = baselines?.loadBaseline(flags.baseline!);
  const interactive = flags.interactive ? await import("./interactive.js") : undefined;
  interactive?.assertInteractivePossible(process.stdin.isTTY, process.stdout.isTTY);
  const options = runOptions(cwd, paths, mode, flags, settings);
  if (flags.statistics && flags.format !== "pretty")
    throw new UsageError(`--statistics is for the pretty output; --format ${flags.format} has its own totals`);
  const reporter = await loadReporter(flags.format);
  const result = await runWithProgress(options, mode, flags);
  if (interactive) {
    mode = "write";
    await interactive.reviewFixes(result, { input: process.stdin, output: process.stdout, color: useColor(flags) });
    result.options = { ...result.options, mode };
    // The accepted fixes are written like --write's, signals included.
    const unguard = guardWrites();
    try {
      await writeAll(result);
    } finally {
      unguard();
    }
  }
  if (baseline) baselines!.applyBaseline(result, baseline);
  if (flags.patch !== undefined) await writePatch(flags.patch, result);
  const text = reporter({ result, color: useColor(flags), quiet: !!flags.quiet, version: VERSION, statistics: !!flags.statistics, verbose: !!flags.verbose });
  emit(text, flags.output);
  if (flags.format === "github" && process.env.GITHUB_STEP_SUMMARY) await appendStepSummary(process.env.GITHUB_STEP_SUMMARY, result);
  if (result.interrupted) process.stderr.write(`deepseek-migrate: ${interruptSummary(result.interrupted, result)}\n`);
  return { kind: "done", mode, result, exitZero: !!flags.exitZero, failOn: settings.failOn };
}

/** The run's options from the command line and the settings (the configuration file's and the defaults). */
function runOptions(cwd: string, paths: string[], mode: Mode, flags: CliFlags, settings: Settings): RunOptions {
  return defaultOptions({
    cwd,
    paths,
    // -i scans like a dry run, asks, then writes the accepted fixes.
    mode: flags.interactive ? "dry-run" : mode,
    unsafeFixes: !!flags.unsafeFixes,
    reasonerTarget: settings.reasonerTarget,
    rules: settings.rules,
    to: settings.to,
    select: settings.select,
    ignore: settings.ignore,
    failOn: settings.failOn,
    maxTokensFloor: settings.maxTokensFloor,
    include: settings.include,
    ...(flags.include?.length ? { includeShownAs: flags.include } : {}),
    errorOnUnmatchedPattern: flags.errorOnUnmatchedPattern !== false && settings.errorOnUnmatchedPattern !== false,
    exclude: [...settings.exclude, ...ownFileExcludes()],
    ownFiles: [flags.baseline, flags.output, flags.patch, settings.configFile].filter((f): f is string => f !== undefined && f !== ""),
    gitignore: flags.ignore !== false,
    allowDirty: !!flags.allowDirty,
    now: resolveNow(flags.now),
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}),
    ...(flags.changedSince !== undefined ? { changedSince: flags.changedSince } : {}),
    ...(flags.cache || flags.cacheLocation !== undefined ? { cache: flags.cacheLocation ?? DEFAULT_CACHE_FILE } : {}),
  });
}

/** --write: a signal finishes the file in flight and stops (src/cli/signals.ts). Returns the uninstaller. */
function guardWrites(): () => void {
  return installSignalHandlers((signal, wrote) => {
    process.stderr.write(`deepseek-migrate: ${interruptSummary(signal, wrote)}\n`);
    process.exit(exitCodeFor({ kind: "interrupted", signal }));
  });
}

/** The run, with a progress line on stderr for long runs (a terminal only; not in CI, not with --quiet). */
async function runWithProgress(options: RunOptions, mode: Mode, flags: CliFlags): Promise<RunResult> {
  const uninstall = mode === "write" ? guardWrites() : undefined;
  const progress = new ProgressLine({ quiet: !!flags.quiet });
  try {
    return await run(options, { onProgress: progress.onProgress });
  } finally {
    progress.done();
    uninstall?.();
  }
}

/** --patch FILE: the diff of the selected fixes as one patch. */
async function writePatch(file: string, result: RunResult): Promise<void> {
  const { buildPatch } = await import("../write/patch.js");
  try {
    fs.writeFileSync(file, buildPatch(result));
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** --format github in GitHub Actions: the audit on the job's summary page too (a failure is only noted). */
async function appendStepSummary(file: string, result: RunResult): Promise<void> {
  const { githubStepSummary } = await import("../report/github.js");
  try {
    fs.appendFileSync(file, githubStepSummary({ result, color: false, quiet: false, version: VERSION }));
  } catch (e) {
    process.stderr.write(`deepseek-migrate: cannot append to GITHUB_STEP_SUMMARY: ${(e as Error).message}\n`);
  }
}

/** The command line: the dry run / --write, and the commands check, rules, explain and merge-reports. */
export function buildProgram(): Command {
  const program = new Command("deepseek-migrate")
    .description(
      "Migrate retired DeepSeek model IDs (deepseek-chat, deepseek-reasoner) to DeepSeek V4.\n" +
        "Dry run by default: shows findings and the diff of the safe fixes, writes nothing.",
    )
    .showHelpAfterError("(run deepseek-migrate --help for usage)")
    // Options after a subcommand belong to it (`check --format json`), not to the top-level command.
    .enablePositionalOptions()
    .exitOverride();
  addCommonOptions(program, "migrate")
    .version(VERSION, "-V, --version", "print the version")
    // `deepseek-migrate help [command]`: the tool's help, or one command's.
    .helpCommand("help [command]", "show the help of the tool or of one command")
    .action(async (paths: string[], flags: CliFlags) => {
      process.exitCode = await execute(flags.write ? "write" : "dry-run", paths, flags);
    });
  addCommonOptions(program.command("check").description("CI gate: report findings, never write; exit 1 when any remain"), "check")
    .exitOverride()
    .action(async (paths: string[], flags: CliFlags) => {
      process.exitCode = await execute("check", paths, flags);
    });
  addRulesCommands(program);
  addMergeReportsOptions(program.command("merge-reports")).action(mergeReportsAction);
  return program;
}

/** `rules` (the list of rule codes) and `explain CODE`. */
function addRulesCommands(program: Command): void {
  program
    .command("rules")
    .description("list the rule codes: code, name, default severity, fix")
    .exitOverride()
    .action(async () => {
      const { rulesListText } = await import("../rules/codes.js");
      process.stdout.write(rulesListText());
      process.exitCode = exitCodeFor({ kind: "merged" });
    });
  program
    .command("explain")
    .description("explain a rule code: what it checks, why, the fix, examples (like `ruff rule`)")
    .argument("<code>", "a rule code or name, e.g. DSM101 or thinking-not-explicit")
    .exitOverride()
    .action(async (key: string) => {
      const { explainText, ruleCode } = await import("../rules/codes.js");
      const r = ruleCode(key);
      if (!r) {
        process.stderr.write(`deepseek-migrate: unknown rule code "${key}" (run deepseek-migrate rules for the list)\n`);
        process.exitCode = exitCodeFor({ kind: "usage-error", message: "unknown code" });
        return;
      }
      process.stdout.write(explainText(r));
      process.exitCode = exitCodeFor({ kind: "merged" });
    });
}

async function mergeReportsAction(reports: string[], flags: MergeReportsFlags): Promise<void> {
  let outcome: Outcome;
  try {
    const { mergeReports } = await import("../report/merge-reports.js");
    const text = mergeReports(reports, { format: flags.format, flat: !!flags.flat, now: resolveNow(flags.now), version: VERSION });
    emit(text, flags.output);
    outcome = { kind: "merged" };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`deepseek-migrate: ${e.message}\n`);
    outcome = { kind: "usage-error", message: e.message };
  }
  process.exitCode = exitCodeFor(outcome);
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every other parse problem is a usage error.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`deepseek-migrate: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  }
}

await main(process.argv);
