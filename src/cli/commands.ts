/**
 * What the command line accepts: the options of the dry run / --write and of `check`, grouped for
 * the help, their parsers, and the help texts (docs/cli.md). src/cli/cli.ts runs the commands.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { DEFAULT_CACHE_FILE } from "../core/cache.js";
import type { Format } from "../core/options.js";
import type { Severity } from "../core/types.js";
import { FINDINGS_PER_FILE } from "../report/pretty.js";
import type { MigrationTarget } from "../rules/lineage.js";

export const FORMATS: Format[] = ["pretty", "json", "sarif", "github", "markdown", "gitlab", "html"];

export interface CliFlags {
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
export class IgnoreCodesOption extends Option {
  override attributeName(): string {
    return "ignoreCodes";
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError("expected a size such as 5MB, 512KB or 1048576");
  const unit = (m[2] ?? "b").toLowerCase()[0];
  const mult = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

/** The help's option groups (docs/cli.md), in the order they are shown. */
export const GROUP = {
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
export function addCommonOptions(cmd: Command, command: "migrate" | "check"): Command {
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

/** The options of `merge-reports`. */
export interface MergeReportsFlags {
  format: "markdown" | "json" | "html";
  output?: string;
  flat?: boolean;
  now?: string;
}

/** `merge-reports`: its arguments, options and help. */
export function addMergeReportsOptions(cmd: Command): Command {
  return cmd
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
    .exitOverride();
}
