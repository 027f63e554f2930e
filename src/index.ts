/**
 * The programmatic API: `import { scan, migrate } from "deepseek-migrate"`.
 *
 * Both take the CLI's options (as an object) and run the same engine as the CLI:
 * - `scan` finds every usage and computes the fixes and per-file diffs in memory; it writes nothing
 *   (the CLI's dry run; `mode: "check"` for the CI gate's view).
 * - `migrate` applies the fixes with the same guards as `--write`: safe fixes only unless
 *   `unsafeFixes`, atomic writes that keep encoding, BOM, line endings and mode, a refusal (a thrown
 *   UsageError) on files with uncommitted changes unless `allowDirty`.
 * - `formatReport` renders a result in any of the CLI's `--format`s.
 *
 * Usage problems (a path that does not exist, a bad option or configuration file) reject with a
 * `UsageError` (the CLI's exit 2);
 * files that cannot be read or written are listed in `result.errors` (the CLI's exit 1).
 */
import { resolveNow } from "./core/clock.js";
import { ownFileExcludes, resolveSettings } from "./core/config.js";
import { UsageError } from "./core/errors.js";
import type { Format, RunOptions } from "./core/options.js";
import { REPORTERS } from "./report/index.js";
import { defaultOptions, run, scan as scanRun, type RunResult } from "./core/run.js";
import { VERSION } from "./core/version.js";
import { parseShard, type Shard } from "./walk/shard.js";

export type { RunOptions, Format, Mode } from "./core/options.js";
export type { RunResult } from "./core/run.js";
export type { Shard } from "./walk/shard.js";
export type * from "./core/types.js";
export { defaultRules, CUTOFF } from "./rules/defaults.js";
export { UsageError } from "./core/errors.js";
export { VERSION } from "./core/version.js";

/**
 * The CLI's options as an object. Every field is optional; the defaults are the CLI's:
 * `cwd` the process's working directory, `paths` ["."], `reasonerTarget` "flash", `.gitignore`
 * respected, the clock from `DEEPSEEK_MIGRATE_NOW` or the machine.
 */
export interface ApiOptions extends Partial<Omit<RunOptions, "mode" | "now" | "shard">> {
  /**
   * `--config FILE` (relative to cwd). By default, as the CLI does, the nearest
   * deepseek-migrate.config.json at or above cwd applies (its rules, reasonerTarget, include,
   * exclude); `false` reads none. Options given here win over the file's, as flags do; `rules`
   * given here replace the file's rules.
   */
  config?: string | false;
  /** "check": the run as `deepseek-migrate check` reports it (formatReport); default "dry-run". scan only. */
  mode?: "dry-run" | "check";
  /** The current time (Date or ISO 8601 string), as `--now`. */
  now?: Date | string;
  /** `--shard K/N`: "2/4" or {index: 2, count: 4}. */
  shard?: Shard | string;
}

async function toRunOptions(options: ApiOptions, mode: RunOptions["mode"]): Promise<RunOptions> {
  const { now, shard, config, ...rest } = options;
  if (rest.reasonerTarget !== undefined && rest.reasonerTarget !== "flash" && rest.reasonerTarget !== "pro") {
    throw new UsageError(`invalid reasonerTarget "${String(rest.reasonerTarget)}": expected "flash" or "pro"`);
  }
  if (rest.paths !== undefined && (!Array.isArray(rest.paths) || rest.paths.some((p) => typeof p !== "string"))) {
    throw new UsageError("paths must be an array of strings");
  }
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<RunOptions>;
  const cwd = rest.cwd ?? process.cwd();
  // The configuration file, resolved exactly as the CLI resolves it.
  const settings =
    config === false ? undefined : await resolveSettings(cwd, { reasonerTarget: rest.reasonerTarget, include: rest.include ?? [], exclude: rest.exclude ?? [] }, config);
  return defaultOptions({
    ...defined,
    cwd,
    mode,
    ...(settings
      ? {
          reasonerTarget: settings.reasonerTarget,
          rules: rest.rules ?? settings.rules,
          include: settings.include,
          exclude: [...settings.exclude, ...ownFileExcludes()],
          ownFiles: [...(rest.ownFiles ?? []), ...(settings.configFile ? [settings.configFile] : [])],
        }
      : {}),
    now: now instanceof Date ? now : resolveNow(now),
    ...(shard === undefined ? {} : { shard: typeof shard === "string" ? parseShard(shard) : parseShard(`${shard.index}/${shard.count}`) }),
  });
}

/** Find every usage and compute the fixes and per-file diffs (`result.files[i].diff`); writes nothing. */
export async function scan(options: ApiOptions = {}): Promise<RunResult> {
  return scanRun(await toRunOptions(options, options.mode === "check" ? "check" : "dry-run"));
}

/** Find and apply the fixes (safe ones; unsafe ones too with `unsafeFixes`); `result.written` lists the files. */
export async function migrate(options: Omit<ApiOptions, "mode"> = {}): Promise<RunResult> {
  return run(await toRunOptions(options, "write"));
}

/** Render a result as the CLI would print it with `--format <format>` (JSON: schemaVersion 1). */
export function formatReport(result: RunResult, format: Format = "json", opts: { color?: boolean; quiet?: boolean } = {}): string {
  const reporter = REPORTERS[format];
  if (!reporter) throw new UsageError(`format ${format} is not available`);
  return reporter({ result, color: opts.color ?? false, quiet: opts.quiet ?? false, version: VERSION });
}
