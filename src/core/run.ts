import { clockInfo } from "./clock-info.js";
import { FileScanner, poolPays, scanAll, type ScanProgress } from "../engine/pool.js";
import { DEFAULT_MAX_FILE_SIZE, lazyDiffs, refix, scanFile } from "./scan-file.js";
import { applyGroups } from "../rules/groups.js";
import { UsageError } from "./errors.js";
import type { RunOptions } from "./options.js";
import { defaultRules } from "../rules/defaults.js";
import { DEFAULT_MAX_TOKENS_FLOOR } from "../rules/lint-options.js";
import { makeRuleset } from "../rules/ruleset.js";
import { encode } from "./text.js";
import type { FileResult, Finding, RunError, RunSummary, Ruleset } from "./types.js";
import { inShard, shardOf } from "../walk/shard.js";
import { walk, type WalkEntry } from "../walk/walk.js";
import { scanWithRg, startRg } from "../walk/rg.js";
import { changedFile, changedSince, type ChangedSet } from "../walk/changed.js";
import { beginWriting, stopRequested, yieldToSignals, type StopSignal } from "../cli/signals.js";
import { flushRenames, isTempFileName, removeLeftoverTempFile, writeFileAtomic } from "../write/atomic.js";
import { faultPoint } from "../write/fault.js";
import { dirtyFiles, GitCheckError } from "../write/git.js";
import { loadCache, saveCache, settingsKey, type LoadedCache } from "./cache.js";
import { VERSION } from "./version.js";
import { toRel } from "../walk/walk.js";
import fs from "node:fs";
import path from "node:path";
import { adapterNameFor, loadAdapter } from "../languages/registry.js";

export interface RunResult {
  options: RunOptions;
  ruleset: Ruleset;
  /**
   * The files with something to report (findings, notes, a skip or an error, a fix), in path
   * order. Clean files are only counted (`summary.files`): a large tree has tens of thousands.
   */
  files: FileResult[];
  /** Every finding, in path then position order. */
  findings: Finding[];
  summary: RunSummary;
  /** Files that could not be read or written; folders and start paths that could not be read. */
  errors: RunError[];
  /**
   * Of `errors`, the folders and start paths that could not be read: the run could not look there,
   * so it is incomplete (the CLI exits 2 however the rest went).
   */
  unreadable: RunError[];
  /** Parse warnings and skipped entries. */
  warnings: RunError[];
  /** Files written by --write. */
  written: string[];
  /** Set when a signal stopped --write between two files (the rest were left unchanged). */
  interrupted?: StopSignal;
  /** Temporary files left by an interrupted --write: never scanned; --write removes them. */
  leftovers?: WalkEntry[];
}

export function defaultOptions(partial: Partial<RunOptions> = {}): RunOptions {
  return {
    cwd: process.cwd(),
    paths: ["."],
    mode: "dry-run",
    unsafeFixes: false,
    reasonerTarget: "flash",
    include: [],
    exclude: [],
    gitignore: true,
    allowDirty: false,
    now: new Date(),
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    ...partial,
  };
}

export function summarize(filesScanned: number, findings: Finding[]): RunSummary {
  const s: RunSummary = {
    files: filesScanned,
    findings: 0,
    safe: 0,
    unsafe: 0,
    none: 0,
    suppressed: 0,
    bySeverity: { error: 0, warning: 0, info: 0 },
    byCode: {},
    thinkingManual: 0,
  };
  const byCode = new Map<string, number>();
  for (const f of findings) {
    if (f.suppressed) {
      s.suppressed++;
      continue;
    }
    s.findings++;
    s[f.fix]++;
    s.bySeverity[f.severity]++;
    byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
    if (f.thinking === "manual") s.thinkingManual++;
  }
  for (const code of [...byCode.keys()].sort()) s.byCode[code] = byCode.get(code)!;
  return s;
}

/** walk → scan (prefilter, adapter, rules, fixes in memory). Writes nothing. */
export async function scan(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const ruleset = makeRuleset(options.rules ?? defaultRules(options.reasonerTarget, options.to ?? "v4"));
  const clock = clockInfo(options.now);
  // --cache: earlier analyses of files whose text has not changed (src/core/cache.ts).
  const cacheFile = options.cache !== undefined ? path.resolve(options.cwd, options.cache) : undefined;
  const cache =
    cacheFile !== undefined
      ? loadCache(cacheFile, settingsKey(VERSION, ruleset, clock, undefined, { maxTokensFloor: options.maxTokensFloor ?? DEFAULT_MAX_TOKENS_FLOOR }))
      : undefined;
  // The tool's own files name legacy IDs: never scanned, from any start path. Only those files: a
  // folder at a cache file's place (unusable as the cache) is walked as always.
  const ownFiles = new Set([...(options.ownFiles ?? []), ...(cacheFile !== undefined ? [cacheFile] : [])].map((f) => path.resolve(options.cwd, f)));
  // (Their lengths first: most walked paths are told apart without hashing the path.)
  const ownLengths = new Set([...ownFiles].map((f) => f.length));
  const scanOpts = {
    ruleset,
    clock,
    unsafeFixes: options.unsafeFixes,
    maxFileSize: options.maxFileSize,
    lint: { maxTokensFloor: options.maxTokensFloor ?? DEFAULT_MAX_TOKENS_FLOOR },
    ...(options.select?.length || options.ignore?.length ? { codes: { select: options.select ?? [], ignore: options.ignore ?? [] } } : {}),
    ...(cache ? { cache: cache.cache } : {}),
    // check: diffs are made only if the report reads them (lazyDiffs below).
    ...(options.mode === "check" ? { deferDiffs: true } : {}),
  };
  // The walk hands each file to the scanner as it finds it (in the final order), so the worker
  // pool reads and parses while the walk goes on (src/engine/pool.ts).
  // --changed-since: the walk keeps only the changed files (src/walk/changed.ts).
  const only = options.changedSince !== undefined ? await changedSince(options.cwd, options.changedSince, (files) => preloadParsers(files, ruleset.needles)) : undefined;
  const scanner = new FileScanner(scanOpts, { onProgress: hooks.onProgress });
  // ripgrep, when available, prefilters in its own process while the walk runs: the walk then only
  // collects its files, and files ripgrep did not name are clean unread (src/walk/rg.ts).
  // (Not for --changed-since: ripgrep would read the whole tree for a handful of files.)
  const rg = only ? undefined : startRg({ cwd: options.cwd, paths: options.paths, needles: ruleset.needles, gitignore: options.gitignore, maxFileSize: options.maxFileSize });
  // With ripgrep, only each walked file's path is kept (not an entry object): memory stays flat.
  const rgRels: string[] = [];
  /** Indices in rgRels of files ripgrep does not read: tracked by git although ignored. */
  const rgUnread: number[] = [];
  const leftovers: WalkEntry[] = [];
  const shard = options.shard && options.shard.count > 1 ? options.shard : undefined;
  let walked: ReturnType<typeof walk>;
  try {
    walked = walk({
      cwd: options.cwd,
      paths: options.paths,
      gitignore: options.gitignore,
      include: options.include,
      exclude: options.exclude,
      keepFiles: false,
      ...(only ? { only } : {}),
      onFile: (e) => {
        if (ownLengths.has(e.abs.length) && ownFiles.has(e.abs)) return;
        if (isTempFileName(e.abs)) leftovers.push(e);
        else if (!shard || shardOf(e.rel, shard.count) === shard.index) {
          if (rg) {
            if (e.tracked) rgUnread.push(rgRels.length);
            rgRels.push(e.rel);
          } else scanner.add(e);
        }
      },
    });
    // With --changed-since, a path or pattern without changed files is the normal case.
    const unmatched = options.errorOnUnmatchedPattern && !only ? unmatchedPatterns(options, walked) : undefined;
    if (unmatched) throw new UsageError(unmatched);
  } catch (e) {
    rg?.kill();
    await scanner.abort();
    throw e;
  }
  if (walked.lateFiles && rg) {
    // Tracked ignored files came after the others (src/walk/walk.ts): back to the sorted order.
    const unread = new Set(rgUnread.map((i) => rgRels[i]!));
    rgRels.sort(byText);
    rgUnread.length = 0;
    rgRels.forEach((r, i) => unread.has(r) && rgUnread.push(i));
  }
  // Only results that say something are kept: a clean file is counted, not stored.
  const scanned = rg ? rgRels.length : undefined;
  const results = rg
    ? (
        await scanWithRg(
          rgRels,
          rg,
          (e) => scanFile(e.abs, e.rel, scanOpts),
          (es) => {
            // Progress counts every walked file; the others are done by now.
            const before = rgRels.length - es.length;
            const onProgress = hooks.onProgress;
            return scanAll(es, scanOpts, {
              ...(poolPays(es) ? { minFiles: 0 } : { workers: 0 }),
              ...(onProgress ? { onProgress: (p: ScanProgress) => onProgress({ ...p, found: before + p.found, done: before + p.done, total: p.total === undefined ? undefined : before + p.total }) } : {}),
            });
          },
          rgUnread,
        )
      ).results
    : await scanner.finish();
  if (walked.lateFiles && !rg) results.sort((a, b) => byText(a.file, b.file));
  const filesScanned = scanned ?? results.length;
  const files = results.filter(reportable);
  // Rename groups: occurrences of one ID that must stay equal are fixed together (src/rules/groups.ts).
  // The post-phase sees this run's files only (with --shard, the files of the shard).
  for (const f of applyGroups(files, { cwd: options.cwd })) refix(f, options.unsafeFixes);
  for (const f of files) delete f.imports;
  if (scanOpts.deferDiffs) lazyDiffs(files);

  const unreadable: RunError[] = inShard(walked.unreadable, options.shard, (s) => s.file).map((s) => ({ file: s.file, message: s.reason }));
  const errors: RunError[] = [...unreadable];
  const warnings: RunError[] = inShard(walked.skipped, options.shard, (s) => s.file).map((s) => ({ file: s.file, message: s.reason }));
  for (const l of leftovers) warnings.push({ file: l.rel, message: LEFTOVER_NOTE });
  if (walked.trackedIgnored > 0) {
    const n = walked.trackedIgnored;
    warnings.push({ file: ".", message: `${n} tracked file${n === 1 ? "" : "s"} matched .gitignore and ${n === 1 ? "was" : "were"} scanned (git tracks ${n === 1 ? "it" : "them"}; --exclude leaves ${n === 1 ? "it" : "them"} out)` });
  }
  for (const f of files) {
    if (f.status === "error") errors.push({ file: f.file, message: f.message ?? "error" });
    else if (f.status === "skipped" && f.message) warnings.push({ file: f.file, message: f.message });
    for (const w of f.warnings) warnings.push({ file: f.file, message: w });
  }
  if (cache) {
    for (const w of storeCache(cache, files, options, only)) warnings.push(w);
  }
  const findings = files.flatMap((f) => f.findings);
  return {
    options,
    ruleset,
    files,
    findings,
    summary: summarize(filesScanned, findings),
    errors,
    unreadable,
    warnings,
    written: [],
    ...(leftovers.length ? { leftovers } : {}),
  };
}

/**
 * The message for start paths and command-line --include patterns that matched no file (after
 * .gitignore, --exclude and the other patterns), or undefined when each matched at least one.
 */
function unmatchedPatterns(options: RunOptions, walked: ReturnType<typeof walk>): string | undefined {
  const missing: string[] = [];
  const shown = options.includeShownAs;
  if (shown && shown.length === options.include.length)
    walked.includeHit.forEach((hit, i) => {
      if (!hit) missing.push(`--include ${JSON.stringify(shown[i])}`);
    });
  // An --include pattern that matches nothing empties the start paths too: it alone is named.
  if (missing.length === 0) {
    const paths = options.paths.length ? options.paths : ["."];
    // A start path that could not be read is reported as such (an error), and one passed over with
    // a reason (a symbolic link, a FIFO) as a note: neither is an unmatched pattern.
    const reported = new Set([...walked.unreadable, ...walked.skipped].map((u) => u.file));
    paths.forEach((p, i) => {
      if (walked.pathFiles[i] === 0 && !reported.has(toRel(options.cwd, path.resolve(options.cwd, p)))) missing.push(`path ${JSON.stringify(p)}`);
    });
  }
  if (missing.length === 0) return undefined;
  return (
    `no files match ${missing.join(", ")} (after .gitignore, --exclude and the configuration), so nothing was scanned there; ` +
    `check the spelling, or pass --no-error-on-unmatched-pattern ("errorOnUnmatchedPattern": false in the configuration) to allow it`
  );
}

/**
 * Write this run's cache entries (taking them off the results) and return the cache's warnings.
 * Entries of files outside this run (other start paths, other shards) are kept.
 */
function storeCache(cache: LoadedCache, files: FileResult[], options: RunOptions, only: ChangedSet | undefined): RunError[] {
  const fresh = new Map<string, [string, string]>();
  for (const f of files) {
    if (f.analysis) fresh.set(f.file, f.analysis);
    delete f.analysis;
  }
  const prefixes = options.paths.map((p) => {
    const r = toRel(options.cwd, path.resolve(options.cwd, p));
    return r === "." ? "" : r;
  });
  const shard = options.shard && options.shard.count > 1 ? options.shard : undefined;
  const covered = (rel: string) =>
    prefixes.some((p) => p === "" || rel === p || rel.startsWith(p + "/")) &&
    (!shard || shardOf(rel, shard.count) === shard.index) &&
    (!only || changedFile(only, path.resolve(options.cwd, rel)));
  const where = toRel(options.cwd, cache.file);
  const out: RunError[] = [];
  if (cache.warning) out.push({ file: where, message: cache.warning });
  const failed = saveCache(cache, VERSION, fresh, covered);
  if (failed) out.push({ file: where, message: failed });
  return out;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * --changed-since: while git compares the working tree, load the parsers that the branch's changed
 * files will need (those with a needle: TypeScript, Python), so the load overlaps git's work instead
 * of following it. Only a head start: whatever fails here fails again, and is reported, in the scan.
 */
function preloadParsers(files: string[], needles: string[]): void {
  const kinds = new Set<string>();
  for (const f of files.slice(0, 200)) {
    const kind = adapterNameFor(f);
    if ((kind !== "typescript" && kind !== "python") || kinds.has(kind)) continue;
    try {
      const st = fs.statSync(f);
      if (!st.isFile() || st.size > 1 << 20) continue;
      const text = fs.readFileSync(f, "latin1");
      if (needles.some((n) => text.includes(n))) kinds.add(kind);
    } catch {
      /* gone or unreadable: the scan says so */
    }
  }
  const swallow = () => {};
  if (kinds.has("typescript")) void import("../languages/typescript/util.js").then((m) => m.loadTs()).catch(swallow);
  if (kinds.has("python")) void import("../languages/python/parser.js").then((m) => m.loadPythonParser()).catch(swallow);
  for (const k of kinds) void loadAdapter(k).catch(swallow);
}

/** Whether a file's result says anything (findings, notes, a status, a fix); the others are only counted. */
function reportable(f: FileResult): boolean {
  return f.status !== "ok" || f.findings.length > 0 || f.warnings.length > 0 || f.fixed !== undefined || f.diff !== undefined || f.message !== undefined;
}

const LEFTOVER_NOTE = "temporary file left by an interrupted --write (its original is intact); not scanned; the next --write removes it";

/** Callbacks a run reports through (the CLI's progress line). */
export interface RunHooks {
  onProgress?: (p: ScanProgress) => void;
}

/** scan, then write when the mode is "write". */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const result = await scan(options, hooks);
  if (options.mode === "write") await writeAll(result);
  return result;
}

/**
 * Apply the in-memory fixes to disk (docs/contract.md §7): guarded by the dirty-tree check, atomic
 * per file, only files whose bytes change. A file that cannot be written is an error and the run
 * goes on. Between two files the writer lets signal handlers run: after SIGINT/SIGTERM it stops
 * there, with `interrupted` set and every file either fully written or untouched.
 */
export async function writeAll(result: RunResult): Promise<void> {
  const changed = result.files.filter((f) => f.fixed !== undefined && f.fixed !== f.text);
  faultPoint("before-write");
  if (await interruptedBetweenFiles(result)) return;
  if (changed.length > 0 && !result.options.allowDirty) {
    let dirty: Set<string>;
    try {
      dirty = new Set(dirtyFiles(changed.map((f) => f.absPath)));
    } catch (e) {
      if (e instanceof GitCheckError) throw new UsageError(`refusing to write: ${e.message}; pass --allow-dirty to write anyway`);
      throw e;
    }
    if (dirty.size > 0) {
      const names = changed.filter((f) => dirty.has(f.absPath)).map((f) => f.file);
      throw new UsageError(
        `refusing to write: ${names.length} file(s) have uncommitted changes (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}); commit or stash them, or pass --allow-dirty`,
      );
    }
  }
  for (const l of result.leftovers ?? []) {
    if (!removeLeftoverTempFile(l.abs)) continue;
    const w = result.warnings.find((x) => x.file === l.rel && x.message === LEFTOVER_NOTE);
    if (w) w.message = "removed a temporary file left by an interrupted --write (its original was intact)";
  }
  beginWriting();
  try {
    for (const f of changed) {
      try {
        const info = writeFileAtomic(f.absPath, encode(f.fixed!, f.encoding!), f.original!);
        result.written.push(f.file);
        if (info.links > 1)
          result.warnings.push({ file: f.file, message: `had ${info.links} hard links: the other names keep the old content` });
      } catch (e) {
        result.errors.push({ file: f.file, message: `not written: ${e instanceof Error ? e.message : String(e)}` });
      }
      if (await interruptedBetweenFiles(result)) return;
    }
  } finally {
    flushRenames();
  }
}

async function interruptedBetweenFiles(result: RunResult): Promise<boolean> {
  await yieldToSignals();
  const signal = stopRequested();
  if (signal) result.interrupted = signal;
  return !!signal;
}
