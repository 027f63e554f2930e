import type { MigrationTarget } from "../rules/lineage.js";
import type { Rule, Severity } from "./types.js";
import type { Shard } from "../walk/shard.js";

export type Mode = "dry-run" | "write" | "check";
export type Format = "pretty" | "json" | "sarif" | "github" | "markdown" | "gitlab" | "html";

/** Everything a run needs; the CLI and the programmatic API both build one. */
export interface RunOptions {
  cwd: string;
  paths: string[];
  mode: Mode;
  unsafeFixes: boolean;
  reasonerTarget: "flash" | "pro";
  /** Rules replacing the defaults (from a config file or the API). */
  rules?: Rule[];
  include: string[];
  exclude: string[];
  /** Respect .gitignore (false with --no-ignore). */
  gitignore: boolean;
  allowDirty: boolean;
  now: Date;
  maxFileSize: number;
  /** --shard K/N: scan only the files of shard K of N (stable hash of the relative path). */
  shard?: Shard;
  /**
   * --changed-since: a git ref; only the files changed since the branch left it (merge base to
   * working tree) and untracked files not ignored are scanned (src/walk/changed.ts).
   */
  changedSince?: string;
  /** --cache: the results cache file, relative to cwd or absolute (src/core/cache.ts). */
  cache?: string;
  /**
   * The tool's own files, relative to cwd or absolute (the --config file, the --baseline, -o and
   * --patch files): they name legacy IDs and are never scanned, whatever the start paths.
   */
  ownFiles?: string[];
  /**
   * A start path, or an `include` pattern named in `includeShownAs`, that matches no file stops the
   * run with a UsageError (the CLI's default, so a gate never passes having scanned nothing;
   * `--no-error-on-unmatched-pattern` or `"errorOnUnmatchedPattern": false` turn it off).
   */
  errorOnUnmatchedPattern?: boolean;
  /** The `include` patterns as the user wrote them on the command line, in the order of `include`. */
  includeShownAs?: string[];
  /** --to: v4 (default) or latest (the current canonical IDs; retired aliases are renamed too). */
  to?: MigrationTarget;
  /** --select: report only these rule codes (empty or absent: all). */
  select?: string[];
  /** --ignore: never report these rule codes. */
  ignore?: string[];
  /** --fail-on: the lowest severity that fails the run (default error). Used for the exit code only. */
  failOn?: Severity;
  /** DSM105: the max_tokens floor for requests that think (default 4096). */
  maxTokensFloor?: number;
}
