/**
 * Starting ripgrep (the prefilter of src/walk/rg.ts) with nothing of the walker or the scanner
 * loaded: its binary, its arguments, and the process, whose output is kept until its reader attaches.
 *
 * The early start: loading the CLI's modules costs a good share of a short run (about 0.1 s of one
 * core), while the second core idles. So src/cli/main.ts, for a command line whose ripgrep run it
 * can tell from the arguments alone (`startEarly`: a check or dry run with the default rules'
 * needle, no option that changes ripgrep's arguments), starts ripgrep before loading the CLI. The
 * run then computes ripgrep's arguments as always and takes the early process only when binary,
 * folder and arguments are exactly the ones it would start (`takeEarly`); otherwise it stops it
 * and starts its own (a configuration with other needles, say). The output is the same process's
 * output either way: nothing of the report depends on when ripgrep started. An early process that
 * no run takes (a usage error) is stopped when the CLI exits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import path from "node:path";
import { ALWAYS_SKIPPED_DIRS } from "./always-skipped.js";
import { DEFAULT_MAX_FILE_SIZE } from "../core/limits.js";
import { DEFAULT_CACHE_FILE } from "../core/cache.js";
import { startEarlyCleanCheck } from "../core/clean-layer.js";
import { startChangedEarly } from "./changed.js";

let cachedPath: string | null | undefined;

/** The bundled rg binary, or undefined when this platform has none (or DEEPSEEK_MIGRATE_RG=0). */
export function bundledRgPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.DEEPSEEK_MIGRATE_RG?.trim();
  if (setting === "0") return undefined;
  // A path: that binary instead of the bundled one (ripgrep 15; the tests use a wrapper).
  if (setting && setting !== "1" && path.isAbsolute(setting)) return setting;
  if (cachedPath === undefined) {
    cachedPath = null;
    try {
      // The same lookup as @vscode/ripgrep's entry point, without its throw on a missing platform.
      const require = createRequire(import.meta.url);
      const arch = process.env.npm_config_arch || process.arch;
      const bin = process.platform === "win32" ? "rg.exe" : "rg";
      const p = require.resolve(`@vscode/ripgrep-${process.platform}-${arch}/bin/${bin}`);
      fs.accessSync(p, fs.constants.X_OK);
      cachedPath = p;
    } catch {
      cachedPath = null;
    }
  }
  return cachedPath ?? undefined;
}

/** Whether a folder lies inside a git work tree (the walker's rule: a `.git` entry here or above). */
export function inRepository(dir: string): boolean {
  for (let d = dir; ; ) {
    if (fs.existsSync(path.join(d, ".git"))) return true;
    const up = path.dirname(d);
    if (up === d) return false;
    d = up;
  }
}

/** The folders among the start paths, absolute, each once: ripgrep's start folders. */
export function rgStartDirs(cwd: string, paths: string[]): string[] {
  const dirs: string[] = [];
  for (const p of paths.length ? paths : ["."]) {
    const abs = path.resolve(cwd, p);
    try {
      if (fs.lstatSync(abs).isDirectory() && !dirs.includes(abs)) dirs.push(abs);
    } catch {
      /* the walker reports it */
    }
  }
  return dirs;
}

/** What ripgrep's arguments depend on. */
export interface RgArgOptions {
  needles: string[];
  gitignore: boolean;
  maxFileSize: number;
}

/** ripgrep's arguments (exported for tests). `dirs` are absolute folders. */
export function rgArgs(dirs: string[], o: RgArgOptions, inRepo: boolean): string[] {
  const args = ["--no-config", "--files-with-matches", "--null", "--fixed-strings", "--case-sensitive", "--text", "--hidden", "--no-follow"];
  for (const n of o.needles) args.push("-e", n);
  if (o.gitignore) {
    args.push("--no-ignore-dot", "--no-ignore-global", "--no-ignore-exclude");
    // In a repository ripgrep applies the .gitignore files above the start folder up to the
    // repository's root, as the walker does. With --no-require-git it would go on above the root,
    // so that flag only comes with --no-ignore-parent, outside a repository.
    if (!inRepo) args.push("--no-require-git", "--no-ignore-parent");
  } else args.push("--no-ignore");
  for (const d of ALWAYS_SKIPPED_DIRS) args.push("-g", `!${d}/`);
  if (Number.isFinite(o.maxFileSize) && o.maxFileSize >= 0) args.push("--max-filesize", String(Math.floor(o.maxFileSize)), "--debug");
  args.push("--", ...dirs);
  return args;
}

/** What a ripgrep process says, in order. */
export interface RgReader {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
  error(e: Error): void;
  close(code: number | null, signal: NodeJS.Signals | null): void;
}

type RgEvent = { [K in keyof RgReader]: [K, Parameters<RgReader[K]>] }[keyof RgReader];

/** A running ripgrep. Its output and end are kept, in order, until `read` attaches a reader. */
export class RgProcess {
  readonly child: ChildProcess;
  private kept: RgEvent[] | undefined = [];
  private reader: RgReader | undefined;

  /** Throws when the process cannot be spawned at all. */
  constructor(
    readonly bin: string,
    readonly args: string[],
    readonly cwd: string,
    env?: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(bin, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: env ?? process.env, windowsHide: true });
    this.child.stdout!.setEncoding("utf8");
    this.child.stderr!.setEncoding("utf8");
    this.child.stdout!.on("data", (chunk: string) => this.emit(["stdout", [chunk]]));
    this.child.stderr!.on("data", (chunk: string) => this.emit(["stderr", [chunk]]));
    this.child.on("error", (e) => this.emit(["error", [e]]));
    this.child.on("close", (code, signal) => this.emit(["close", [code, signal]]));
  }

  private emit(e: RgEvent): void {
    if (this.reader) deliver(this.reader, e);
    else this.kept!.push(e);
  }

  /** Attach the reader: what was kept first, then each event as it comes. */
  read(reader: RgReader): void {
    this.reader = reader;
    const kept = this.kept!;
    this.kept = undefined;
    for (const e of kept) deliver(reader, e);
  }

  /** Whether the process keeps the CLI alive until it ends (an early start does not, until taken). */
  ref(on: boolean): void {
    for (const s of [this.child.stdout, this.child.stderr] as (Socket | null)[]) {
      if (on) s?.ref?.();
      else s?.unref?.();
    }
    if (on) this.child.ref();
    else this.child.unref();
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

function deliver(reader: RgReader, [kind, args]: RgEvent): void {
  (reader[kind] as (...a: unknown[]) => void)(...args);
}

/** The prefilter's needle with the default rules (src/rules/ruleset.ts: every legacy ID holds it). */
const DEFAULT_NEEDLES = ["deepseek"];

/** Options that take a value and leave ripgrep's arguments as they are (--changed-since: no ripgrep, git instead). */
const VALUE_OPTIONS = new Set([
  "--format",
  "-o",
  "--output",
  "--reasoner-target",
  "--patch",
  "--include",
  "--exclude",
  "--to",
  "--fail-on",
  "--select",
  "--ignore",
  "--baseline",
  "--now",
  "--cache-location",
  "--shard",
  "--changed-since",
]);
/** Flags that leave ripgrep's arguments as they are. */
const FLAGS = new Set([
  "--write",
  "--allow-dirty",
  "--unsafe-fixes",
  "-q",
  "--quiet",
  "--statistics",
  "-v",
  "--verbose",
  "--color",
  "--no-color",
  "--exit-zero",
  "--no-error-on-unmatched-pattern",
  "--cache",
]);
const OTHER_COMMANDS = new Set(["rules", "explain", "merge-reports", "help"]);

/**
 * The start paths, --no-ignore, --cache file and --changed-since ref of a check or dry run whose
 * early work the arguments tell, or undefined for anything else (another command, --help,
 * --max-file-size, --config, an option not listed here): those start nothing early.
 */
export function earlyRun(argv: string[]): { paths: string[]; gitignore: boolean; cache?: string; changedSince?: string } | undefined {
  let i = 0;
  let cache: string | undefined;
  let changedSince: string | undefined;
  if (argv[0] === "check") i = 1;
  else if (argv[0] !== undefined && OTHER_COMMANDS.has(argv[0])) return undefined;
  const paths: string[] = [];
  let gitignore = true;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      paths.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_OPTIONS.has(name)) {
      if (name === a) i++;
      if (i >= argv.length) return undefined;
      const value = name === a ? argv[i]! : a.slice(eq + 1);
      if (name === "--cache-location") cache = value;
      if (name === "--changed-since") changedSince = value;
    } else if (name === "--no-ignore" && name === a) gitignore = false;
    else if (a === "--cache") cache ??= DEFAULT_CACHE_FILE;
    else if (!FLAGS.has(a)) return undefined;
  }
  return { paths: paths.length ? paths : ["."], gitignore, ...(cache !== undefined ? { cache } : {}), ...(changedSince !== undefined ? { changedSince } : {}) };
}

let early: RgProcess | undefined;
let earlyAt: number | undefined;

/**
 * When this process started its early work (undefined: it started none). A run's start is no later
 * than that: ripgrep or the layer's check may read a file before the run's own clock starts, and a
 * file edited in between must count as changed during the run (src/core/cache.ts, RACY_MS).
 */
export function earlyStartedAt(): number | undefined {
  return earlyAt;
}

/**
 * Start what the run these arguments describe will wait for, while the CLI loads: ripgrep, if the
 * arguments tell its arguments (see above); with --cache and a cache file, the check of its clean
 * layer instead; with --changed-since, git's listings (src/walk/changed.ts) and no ripgrep.
 */
export function startEarly(argv: string[], cwd: string): void {
  earlyAt = Date.now();
  const run = earlyRun(argv);
  if (!run) return;
  if (run.changedSince !== undefined) return startChangedEarly(cwd, run.changedSince);
  const bin = bundledRgPath();
  if (!bin) return;
  // A --cache run with a cache file: its clean layer is checked instead, and usually spares ripgrep
  // (src/core/clean-layer.ts).
  if (run.cache !== undefined) {
    const file = path.resolve(cwd, run.cache);
    if (fs.existsSync(file)) return startEarlyCleanCheck(file, path.resolve(cwd), DEFAULT_MAX_FILE_SIZE);
  }
  const dirs = rgStartDirs(cwd, run.paths);
  if (dirs.length === 0) return;
  const args = rgArgs(dirs, { needles: DEFAULT_NEEDLES, gitignore: run.gitignore, maxFileSize: DEFAULT_MAX_FILE_SIZE }, run.gitignore && dirs.every(inRepository));
  try {
    early = new RgProcess(bin, args, cwd);
  } catch {
    return;
  }
  early.ref(false);
  process.once("exit", dropEarly);
}

/**
 * The early ripgrep when it is exactly the one a run would start now (same binary, folder and
 * arguments, the process's own environment); else undefined, and an early one is stopped. Either
 * way there is no early process afterwards.
 */
export function takeEarly(bin: string, args: string[], cwd: string): RgProcess | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  if (e.bin === bin && e.cwd === cwd && e.args.length === args.length && e.args.every((a, i) => a === args[i])) {
    e.ref(true);
    return e;
  }
  e.kill();
  return undefined;
}

/** Stop an early ripgrep no run took. */
export function dropEarly(): void {
  early?.kill();
  early = undefined;
}
