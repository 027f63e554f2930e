/**
 * ripgrep as the prefilter (docs/contract.md §9). The Node walker still decides which files a run
 * covers (its .gitignore semantics, include/exclude globs, symlink and special-file notes, sorted
 * order are unchanged); ripgrep, started before the walk and running beside it in its own process,
 * reads the same folders and names the files that contain a needle. A walked file that ripgrep read
 * and did not name is clean without being opened again; the others are scanned as before.
 *
 * For that to be exact, ripgrep's set of files must be a superset of the walker's, never smaller:
 * - the same start folders (absolute, so its paths compare with the walker's as they are);
 * - `--hidden`, symbolic links not followed, the always-skipped folders as globs;
 * - only `.gitignore` rules: no `.ignore`/`.rgignore` (`--no-ignore-dot`), no global git excludes
 *   (`--no-ignore-global`), no `.git/info/exclude` (`--no-ignore-exclude`: the walker applies the
 *   enclosing repository's one itself, but not those of nested repositories);
 * - the `.gitignore` files above the start folder up to the repository's root when it is inside a
 *   repository; outside one, only those inside the tree (`--no-require-git --no-ignore-parent`:
 *   ripgrep's --no-require-git alone would apply every .gitignore up to the file system's root);
 *   `--no-ignore` when the run has it. Inside a nested repository ripgrep, like git, drops the
 *   outer rules, and a deeper `!pattern` re-includes: ripgrep then reads more files, never fewer.
 * - every file as text (`--text`): binary files are named when they hold a needle, and the scanner
 *   reports them as binary, as without ripgrep; UTF-16 files with a byte-order mark are transcoded
 *   by ripgrep before the search, as the Node prefilter decodes them;
 * - files over the size limit are not read (`--max-filesize`); ripgrep names each one in its debug
 *   log, and the scanner reports them as skipped, as without ripgrep.
 * Anything else ripgrep reports on stderr (an unreadable file or folder), a failure to start, a
 * signal or an exit code other than 0 or 1 makes the run fall back to the Node prefilter for every
 * file ripgrep did not name: the result is the same, only slower.
 *
 * The binary is the one `@vscode/ripgrep` ships for the platform (`DEEPSEEK_MIGRATE_RG=/abs/rg`
 * names another). `DEEPSEEK_MIGRATE_RG=0` turns ripgrep off (the Node prefilter scans every file).
 * Nothing here runs for `--version` or `--help`.
 */
import path from "node:path";
import type { FileResult } from "../core/types.js";
import { bundledRgPath, dropEarly, inRepository, RgProcess, rgArgs, rgStartDirs, takeEarly } from "./rg-process.js";
import { toRel, type WalkEntry } from "./walk.js";

export interface RgOptions {
  cwd: string;
  /** Start paths as given to the walker; only the folders among them go to ripgrep. */
  paths: string[];
  needles: string[];
  gitignore: boolean;
  maxFileSize: number;
  /** The rg binary (default: the bundled one). */
  rgPath?: string;
  env?: NodeJS.ProcessEnv;
}

export type RgOutcome =
  | { ok: true; oversized: string[] }
  | { ok: false; reason: string };

export interface RgPrefilter {
  /** The run's folder, absolute and normalized (paths relative to it are the walk's `rel`). */
  readonly cwd: string;
  /** Absolute paths of the files ripgrep named so far (each once). */
  readonly hits: string[];
  /** Called with each further hit as it arrives. */
  onHit: ((abs: string) => void) | undefined;
  /**
   * Whether ripgrep reads this walked file (it lies under one of ripgrep's start folders), by the
   * file's path relative to `cwd` (the walk's `rel`).
   */
  coversRel(rel: string): boolean;
  readonly done: Promise<RgOutcome>;
  kill(): void;
}

export { bundledRgPath, rgArgs };

/** A debug line naming a file over --max-filesize (ripgrep 15: "ignoring PATH: N bytes"). */
const OVERSIZED_RE = /^rg: DEBUG\|ignore::walk\|[^|]*: ignoring (.*): \d+ bytes$/;

/**
 * Start ripgrep over the folders among the start paths. Undefined when there is nothing for it to
 * do or no binary: the caller then uses the Node prefilter alone.
 */
export function startRg(o: RgOptions): RgPrefilter | undefined {
  if (o.needles.length === 0) return void dropEarly();
  const rg = o.rgPath ?? bundledRgPath(o.env);
  if (!rg) return void dropEarly();
  const dirs = rgStartDirs(o.cwd, o.paths);
  if (dirs.length === 0) return void dropEarly();
  const relPrefixes = dirs.map((d) => {
    const r = toRel(o.cwd, d);
    return r === "." ? "" : r + "/";
  });
  // Start folders some of which are not in a repository: ripgrep applies no parent rules at all
  // (it reads a superset; the walker still applies them).
  const args = rgArgs(dirs, o, o.gitignore && dirs.every(inRepository));

  const hits: string[] = [];
  const seen = new Set<string>();
  const oversized: string[] = [];
  const problems: string[] = [];
  let proc: RgProcess | undefined;
  const self: RgPrefilter = {
    cwd: path.resolve(o.cwd),
    hits,
    onHit: undefined,
    coversRel: (rel) => {
      for (const p of relPrefixes) if (p === "" ? rel !== ".." && !rel.startsWith("../") : rel.startsWith(p)) return true;
      return false;
    },
    done: undefined as unknown as Promise<RgOutcome>,
    kill: () => proc?.kill(),
  };
  const done = new Promise<RgOutcome>((resolve) => {
    // The process src/cli/main.ts started before the CLI loaded, when it is exactly this one.
    proc = o.env === undefined && o.rgPath === undefined ? takeEarly(rg, args, o.cwd) : (dropEarly(), undefined);
    try {
      proc ??= new RgProcess(rg, args, o.cwd, o.env);
    } catch (e) {
      resolve({ ok: false, reason: `ripgrep did not start: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    let rest = "";
    let errRest = "";
    const onErrLine = (l: string) => {
      if (l === "") return;
      const m = OVERSIZED_RE.exec(l);
      if (m) oversized.push(path.normalize(m[1]!));
      else if (!l.startsWith("rg: DEBUG|")) problems.push(l);
    };
    let failed: string | undefined;
    proc.read({
      stdout: (chunk) => {
        const parts = (rest + chunk).split("\0");
        rest = parts.pop()!;
        for (const p of parts) {
          const abs = path.normalize(p);
          if (seen.has(abs)) continue;
          seen.add(abs);
          hits.push(abs);
          self.onHit?.(abs);
        }
      },
      stderr: (chunk) => {
        const lines = (errRest + chunk).split("\n");
        errRest = lines.pop()!;
        for (const l of lines) onErrLine(l);
      },
      error: (e) => (failed = `ripgrep failed: ${e.message}`),
      close: (code, signal) => {
        if (errRest) onErrLine(errRest);
        if (rest) problems.push("ripgrep's output ended in the middle of a path");
        if (failed) resolve({ ok: false, reason: failed });
        else if (signal) resolve({ ok: false, reason: `ripgrep was stopped by ${signal}` });
        else if (code !== 0 && code !== 1) resolve({ ok: false, reason: `ripgrep exited with ${code}: ${problems.slice(0, 3).join("; ")}` });
        else if (problems.length > 0) resolve({ ok: false, reason: `ripgrep reported: ${problems.slice(0, 3).join("; ")}` });
        else resolve({ ok: true, oversized });
      },
    });
  });
  (self as { done: Promise<RgOutcome> }).done = done;
  return self;
}

/**
 * A backlog of this many named files waits for ripgrep's end, then goes to `scanMany` at once
 * (which may hand it to the worker pool: see poolPays in src/engine/pool.ts).
 */
export const RG_POOL_MIN = 500;

/**
 * Scan the walked files with ripgrep as the prefilter. The files ripgrep names (and those it does
 * not read: files named on the command line, files over the size limit) are scanned; the rest are
 * clean without being opened again. Files named while ripgrep still runs are scanned at once, here
 * (`scanOne`), so parsing overlaps ripgrep's search; what is left when it ends goes to `scanMany`
 * (the worker pool when there is much of it). When ripgrep fails, every file not scanned yet goes
 * to `scanMany` (the Node prefilter decides).
 *
 * `unread`: indices of walked files ripgrep does not read although they lie under its folders (files
 * git tracks although a .gitignore lists them): scanned like files named on the command line.
 *
 * Returns the results of the files it scanned, in the walk's order; every other entry is clean.
 * Nothing is kept per clean file (a large tree has tens of thousands): a path ripgrep names is
 * found among the entries, which the walk gives sorted by `rel`, by binary search.
 */
export async function scanWithRg(
  rels: string[],
  rg: RgPrefilter,
  scanOne: (e: WalkEntry) => Promise<FileResult>,
  scanMany: (es: WalkEntry[]) => Promise<FileResult[]>,
  unread: readonly number[] = [],
): Promise<{ results: FileResult[]; fellBack?: string }> {
  const entry = (i: number): WalkEntry => ({ rel: rels[i]!, abs: absOf(rg.cwd, rels[i]!) });
  const picked = new Uint8Array(rels.length);
  const results = new Map<number, FileResult>();
  const queue: number[] = [];
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const pick = (i: number) => {
    if (picked[i]) return;
    picked[i] = 1;
    queue.push(i);
    signal();
  };
  for (let i = 0; i < rels.length; i++) if (!rg.coversRel(rels[i]!)) pick(i); // named on the command line: ripgrep does not read it
  for (const i of unread) pick(i);
  const find = relFinder(rels, rg.cwd);
  const pickPath = (abs: string) => {
    const i = find(abs);
    if (i !== undefined) pick(i);
  };
  for (const h of rg.hits) pickPath(h);
  rg.onHit = pickPath;
  let outcome: RgOutcome | undefined;
  void rg.done.then((o) => {
    outcome = o;
    signal();
  });
  // While ripgrep runs: scan what it names, one file at a time, in-process. A backlog that
  // reaches RG_POOL_MIN waits for ripgrep's end instead, so that `scanMany` decides on all of it
  // (the pool or not), whatever the timing.
  let k = 0;
  while (!outcome) {
    if (queue.length - k >= RG_POOL_MIN) {
      await rg.done;
    } else if (k < queue.length) {
      const i = queue[k++]!;
      results.set(i, await scanOne(entry(i)));
    } else await new Promise<void>((resolve) => (wake = resolve));
  }
  rg.onHit = undefined;
  if (outcome.ok) for (const p of outcome.oversized) pickPath(p);
  const rest: number[] = [];
  if (outcome.ok) for (; k < queue.length; k++) rest.push(queue[k]!);
  else for (let i = 0; i < rels.length; i++) if (!results.has(i)) rest.push(i);
  rest.sort((a, b) => a - b);
  const out = await scanMany(rest.map(entry));
  rest.forEach((i, n) => results.set(i, out[n]!));
  const ordered = [...results.keys()].sort((a, b) => a - b).map((i) => results.get(i)!);
  return { results: ordered, ...(outcome.ok ? {} : { fellBack: outcome.reason }) };
}

/**
 * A walked file's absolute path from its `rel`, as the walk spells it; `cwd` is absolute and
 * normalized (`path.resolve`). A plain concatenation when that gives the same string.
 */
export function absOf(cwd: string, rel: string): string {
  if (path.sep === "/" && rel !== ".." && !rel.startsWith("../") && !rel.startsWith("/")) {
    return (cwd.endsWith("/") ? cwd : cwd + "/") + rel;
  }
  return path.resolve(cwd, rel);
}

/** A path with an empty, `.` or `..` segment. */
const UNNORMALIZED = /(?:^|\/)\.{0,2}(?:\/|$)/;

/**
 * The index of the walked file with a given absolute path, or undefined when the walk did not keep
 * that file. The walk gives its files sorted by `rel` (their path relative to `cwd`), so a binary
 * search finds it; a path the search misses (a `rel` spelled otherwise than the walk spells it) is
 * looked up in a map of the absolute paths built on first need, so a hit is never lost.
 */
export function relFinder(rels: string[], folder: string): (abs: string) => number | undefined {
  const cwd = path.resolve(folder);
  const under = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  let byAbs: Map<string, number> | undefined;
  return (abs: string) => {
    // Below the folder on a "/" system, a normalized path's rest is the relative path.
    const rest = path.sep === "/" && abs.startsWith(under) ? abs.slice(under.length) : undefined;
    const rel = rest !== undefined && !UNNORMALIZED.test(rest) ? rest : toRel(cwd, abs);
    let lo = 0;
    let hi = rels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rels[mid]! < rel) lo = mid + 1;
      else hi = mid;
    }
    if (lo < rels.length && rels[lo] === rel && absOf(cwd, rel) === abs) return lo;
    if (!byAbs) {
      byAbs = new Map();
      rels.forEach((r, i) => byAbs!.set(absOf(cwd, r), i));
    }
    return byAbs.get(abs);
  };
}
