import fs from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { resolveNow } from "../core/clock.js";
import { UsageError } from "../core/errors.js";
import type { Format, Mode, RunOptions } from "../core/options.js";
import { ownFileExcludes, resolveSettings } from "../core/config.js";
import { ProgressLine } from "./progress.js";
import { requestedFixMissing } from "../core/outcome.js";
import { loadReporter } from "../report/load.js";
import { FINDINGS_PER_FILE } from "../report/pretty.js";
import { defaultOptions, run, writeAll, type RunResult } from "../core/run.js";
import { installSignalHandlers, interruptSummary, type StopSignal } from "./signals.js";
import { VERSION } from "../core/version.js";
import { DEFAULT_CACHE_FILE } from "../core/cache.js";
import { parseShard } from "../walk/shard.js";
import type { MigrationTarget } from "../rules/lineage.js";
import type { Severity } from "../core/types.js";

/** Severities from the lowest: a finding fails the run when it is at or above --fail-on. */
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

const FORMATS: Format[] = ["pretty", "json", "sarif", "github", "markdown", "gitlab", "html"];

interface CliFlags {
  write?: boolean;
  format: Format;
  output?: string;
  unsafeFixes?: boolean;
  /** Undefined when not given: the configuration file (or "flash") decides. */
  reasonerTarget?: "flash" | "pro";
  config?: string;
  baseline?: string;
  patch?: string;
  interactive?: boolean;
  /** Repeatable; undefined when not given. */
  include?: string[];
  exclude?: string[];
  ignore: boolean;
  allowDirty?: boolean;
  color?: boolean;
  quiet?: boolean;
  now?: string;
  maxFileSize?: number;
  exitZero?: boolean;
  shard?: string;
  cache?: boolean;
  cacheLocation?: string;
  changedSince?: string;
  statistics?: boolean;
  verbose?: boolean;
  /** false with --no-error-on-unmatched-pattern. */
  errorOnUnmatchedPattern?: boolean;
  to?: MigrationTarget;
  select?: string[];
  /** --ignore CODES (not --no-ignore, which is `ignore`). */
  ignoreCodes?: string[];
  failOn?: Severity;
}

/**
 * `--ignore <codes>` (ruff's name) beside `--no-ignore` (.gitignore, rg's name): commander would
 * store both under `ignore`, so the codes get their own attribute.
 */
class IgnoreCodesOption extends Option {
  override attributeName(): string {
    return "ignoreCodes";
  }
}

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

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError("expected a size such as 5MB, 512KB or 1048576");
  const unit = (m[2] ?? "b").toLowerCase()[0];
  const mult = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

function useColor(flags: CliFlags): boolean {
  if (flags.output) return flags.color === true;
  if (flags.color !== undefined && process.argv.some((a) => a === "--color" || a === "--no-color")) return flags.color;
  if ("NO_COLOR" in process.env && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return process.stdout.isTTY === true;
}

/** The help's option groups (docs/cli.md), in the order they are shown. */
const GROUP = {
  fixing: "Fixing:",
  output: "Output:",
  selection: "Selection (what is scanned):",
  gate: "Gate (CI):",
  performance: "Performance:",
  other: "Other:",
} as const;

/** An option in a help group. */
function opt(group: keyof typeof GROUP, flags: string, description: string): Option {
  return new Option(flags, description).helpGroup(GROUP[group]);
}

/**
 * The options of the dry run / --write (`migrate`) and of `check`, grouped for the help. `check`
 * never writes: it has no --write, --allow-dirty or -i, and its --unsafe-fixes only shows.
 */
function addCommonOptions(cmd: Command, command: "migrate" | "check"): Command {
  const check = command === "check";
  cmd.argument("[paths...]", "files or folders to scan", ["."]);
  if (!check)
    cmd
      .addOption(opt("fixing", "--write", "apply the safe fixes (and the unsafe ones with --unsafe-fixes); atomic, refuses files with uncommitted changes"))
      .addOption(opt("fixing", "--allow-dirty", "let --write touch files with uncommitted changes"))
      .addOption(opt("fixing", "-i, --interactive", "ask before each fix (yes/no/all/quit), then write the accepted ones"));
  cmd
    .addOption(
      opt("fixing", "--unsafe-fixes", check ? "also put the fixes that need review in --patch and in the reports' diffs" : "also apply (dry run: also show) the fixes that need review"),
    )
    .addOption(opt("fixing", "--reasoner-target <target>", "replacement for deepseek-reasoner (default: flash)").choices(["flash", "pro"]))
    .addOption(opt("fixing", "--patch <file>", check ? "also write the diff of the fixes as one patch file for git apply" : "also write the diff of the selected fixes as one patch file for git apply"))
    .addOption(opt("output", "--format <format>", "output format").choices(FORMATS).default("pretty"))
    .addOption(opt("output", "-o, --output <file>", "write the report to a file instead of standard output"))
    .addOption(opt("output", "-q, --quiet", check ? "print less: no advice or notes (errors are always printed)" : "print less: no diffs, advice or notes (errors are always printed)"))
    .addOption(opt("output", "--statistics", "counts per rule, file kind and folder (by fix class) instead of the findings"))
    .addOption(opt("output", "-v, --verbose", `list every finding (otherwise at most ${FINDINGS_PER_FILE} per file) and every statistics row`))
    .addOption(opt("output", "--color", "force colored output"))
    .addOption(opt("output", "--no-color", "disable colored output (NO_COLOR works too)"))
    .addOption(opt("selection", "--include <glob>", "only scan files matching this glob (repeatable)").argParser(collect))
    .addOption(opt("selection", "--exclude <glob>", "skip files and folders matching this glob (repeatable)").argParser(collect))
    .addOption(opt("selection", "--no-ignore", "do not respect .gitignore files"))
    .addOption(opt("selection", "--changed-since <ref>", "only files changed since the branch left this git ref (merge base), and untracked files"))
    .addOption(opt("selection", "--max-file-size <size>", "skip files larger than this (default 5MB)").argParser(parseSize))
    .addOption(opt("selection", "--config <file>", "configuration file (default: deepseek-migrate.config.json found upwards)"))
    .addOption(opt("fixing", "--to <target>", "migration target: v4 (deepseek-v4-flash/-pro, the default) or latest (the current canonical IDs; also renames retired aliases)").choices(["v4", "latest"]))
    .addOption(opt("gate", "--fail-on <severity>", "lowest severity that fails the run (default: error)").choices(["error", "warning", "info"]))
    .addOption(opt("gate", "--select <codes>", "report only these rule codes or names (comma-separated, repeatable; a prefix such as DSM1 too)").argParser(collect))
    .addOption(new IgnoreCodesOption("--ignore <codes>", "never report these rule codes or names (comma-separated, repeatable)").argParser(collect).helpGroup(GROUP.gate))
    .addOption(opt("gate", "--exit-zero", "exit 0 even when findings remain (still 2 on errors)"))
    .addOption(opt("gate", "--baseline <file>", "an earlier --format json report: findings already in it do not fail the run"))
    .addOption(opt("gate", "--no-error-on-unmatched-pattern", "a path or --include pattern that matches no file is not an error"))
    .addOption(opt("gate", "--now <time>", "the current time, ISO 8601 (also DEEPSEEK_MIGRATE_NOW); decides the severity"))
    .addOption(opt("performance", "--cache", `reuse the analysis of files whose text has not changed since the last --cache run (file: ${DEFAULT_CACHE_FILE})`))
    .addOption(opt("performance", "--cache-location <file>", "the cache file (implies --cache)"))
    .addOption(opt("performance", "--shard <K/N>", "scan only shard K of N (files split by a stable hash of their path; for CI matrices)"));
  // --help (and -V) last, under "Other:".
  cmd.optionsGroup(GROUP.other).helpOption("-h, --help", "show this help").addHelpText("after", check ? CHECK_HELP : MIGRATE_HELP);
  return cmd;
}

/** The codes of `exitCodeFor`, for the help. */
const EXIT_2 = `  2    usage, configuration or I/O error; a start path or folder that could not
       be read; a path or --include pattern that matches no file`;

const MIGRATE_HELP = `
Examples:
  deepseek-migrate                                  dry run here: findings and the diff
  deepseek-migrate --write                          apply the safe fixes
  deepseek-migrate --write --unsafe-fixes src       also apply the fixes that need review
  deepseek-migrate --format markdown -o audit.md    an audit report
  deepseek-migrate --statistics                     counts per rule, kind and folder

Exit codes:
  0    nothing to report, or everything requested was applied
  1    findings remain (dry run); --write: a fix it was asked for is not on
       disk; a file could not be read or written
${EXIT_2}
  130  --write stopped by Ctrl-C (143 SIGTERM, 129 SIGHUP); the file in flight
       is finished first`;

const CHECK_HELP = `
check never writes. It fails (exit 1) while any finding that is not suppressed
or in the --baseline remains, of any fix class.

Examples:
  deepseek-migrate check                                  the gate, here
  deepseek-migrate check --format sarif -o dsm.sarif      code scanning upload
  deepseek-migrate check --format json -o base.json --exit-zero
                                                          record a baseline once …
  deepseek-migrate check --baseline base.json             … then fail only on new usages
  deepseek-migrate check --changed-since origin/main      only what a pull request changed

Exit codes:
  0    no finding remains (or --exit-zero)
  1    findings remain, or a file could not be read
${EXIT_2}`;

async function execute(mode: Mode, paths: string[], flags: CliFlags): Promise<number> {
  let outcome: Outcome;
  try {
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
    const options: RunOptions = defaultOptions({
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
      ...(flags.include.length > 0 ? { includeShownAs: flags.include } : {}),
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
    if (flags.statistics && flags.format !== "pretty")
      throw new UsageError(`--statistics is for the pretty output; --format ${flags.format} has its own totals`);
    const reporter = await loadReporter(flags.format);
    if (!reporter) throw new UsageError(`format ${flags.format} is not available yet`);
    // --write: a signal finishes the file in flight and stops (src/cli/signals.ts).
    const guardWrites = () =>
      installSignalHandlers((signal, wrote) => {
        process.stderr.write(`deepseek-migrate: ${interruptSummary(signal, wrote)}\n`);
        process.exit(exitCodeFor({ kind: "interrupted", signal }));
      });
    const uninstall = mode === "write" ? guardWrites() : undefined;
    let result: RunResult;
    // A progress line on stderr for long runs (a terminal only; not in CI, not with --quiet).
    const progress = new ProgressLine({ quiet: !!flags.quiet });
    try {
      result = await run(options, { onProgress: progress.onProgress });
    } finally {
      progress.done();
      uninstall?.();
    }
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
    if (flags.patch !== undefined) {
      const { buildPatch } = await import("../write/patch.js");
      try {
        fs.writeFileSync(flags.patch, buildPatch(result));
      } catch (e) {
        throw new UsageError(`cannot write ${flags.patch}: ${(e as Error).message}`);
      }
    }
    const text = reporter({ result, color: useColor(flags), quiet: !!flags.quiet, version: VERSION, statistics: !!flags.statistics, verbose: !!flags.verbose });
    emit(text, flags.output);
    if (flags.format === "github" && process.env.GITHUB_STEP_SUMMARY) {
      const { githubStepSummary } = await import("../report/github.js");
      try {
        fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, githubStepSummary({ result, color: false, quiet: false, version: VERSION }));
      } catch (e) {
        process.stderr.write(`deepseek-migrate: cannot append to GITHUB_STEP_SUMMARY: ${(e as Error).message}\n`);
      }
    }
    if (result.interrupted) process.stderr.write(`deepseek-migrate: ${interruptSummary(result.interrupted, result)}\n`);
    outcome = { kind: "done", mode, result, exitZero: !!flags.exitZero, failOn: settings.failOn };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`deepseek-migrate: ${e.message}\n`);
    outcome = { kind: "usage-error", message: e.message };
  }
  return exitCodeFor(outcome);
}

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
  program
    .command("merge-reports")
    .description("combine JSON reports (one per repository, or one per --shard) into one Markdown audit or JSON report")
    .argument("<reports...>", "JSON reports written with --format json; each is named by its file name")
    .addOption(new Option("--format <format>", "output format").choices(["markdown", "json", "html"]).default("markdown"))
    .option("-o, --output <file>", "write the result to a file instead of standard output")
    .option("--flat", "the reports are shards of one tree: keep their paths instead of prefixing each report's name")
    .option("--now <time>", "the current time, ISO 8601 (also DEEPSEEK_MIGRATE_NOW)")
    .helpOption("-h, --help", "show this help")
    .addHelpText(
      "after",
      `
Examples:
  deepseek-migrate merge-reports reports/*.json -o audit.md      one audit for many repositories
  deepseek-migrate merge-reports --flat --format json shard-*.json   the shards of one CI matrix

Exit codes:
  0    the reports were merged (it renders an audit; it is not a gate)
  2    a report is missing, not JSON, or of another schemaVersion; a bad option`,
    )
    .exitOverride()
    .action(async (reports: string[], flags: { format: "markdown" | "json" | "html"; output?: string; flat?: boolean; now?: string }) => {
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
    });
  return program;
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
