import { forgetAliases } from "../rules/aliases.js";
import { clockInfo, type ClockInfo } from "./clock-info.js";
import { FileScanner, poolPays, scanAll, type ScanProgress } from "../engine/pool.js";
import { DEFAULT_MAX_FILE_SIZE, lazyDiffs, refix, scanFile, type ScanFileOptions } from "./scan-file.js";
import { applyGroups } from "../rules/groups.js";
import { UsageError } from "./errors.js";
import type { RunOptions } from "./options.js";
import { defaultRules } from "../rules/defaults.js";
import { DEFAULT_MAX_TOKENS_FLOOR } from "../rules/lint-options.js";
import { makeRuleset } from "../rules/ruleset.js";
import type { FileResult, Finding, RunError, RunSummary, Ruleset } from "./types.js";
import { inShard, shardOf } from "../walk/shard.js";
import { walk, type WalkEntry } from "../walk/walk.js";
import type { TrackedMemo } from "../walk/ignore-rules.js";
import { scanWithRg, startRg, type RgOptions, type RgPrefilter } from "../walk/rg.js";
import { dropEarly, earlyStartedAt } from "../walk/rg-process.js";
import { changedFile, changedSince, type ChangedSet } from "../walk/changed.js";
import type { StopSignal } from "../cli/signals.js";
import { isTempFileName } from "../write/atomic.js";
import { LEFTOVER_NOTE, writeAll } from "../write/write-all.js";
import { loadCache, saveCache, settingsKey, trackedMemo, type LoadedCache } from "./cache.js";
import { composeLayer, dropEarlyCleanCheck, takeCleanCheck, type Layer, type PairedLayer } from "./clean-layer.js";
import { scanWarm, type WarmScan } from "./warm-scan.js";
import { VERSION } from "./version.js";
import { toRel } from "../walk/walk.js";
import path from "node:path";
import { preloadParsers } from "../engine/preload.js";
import { unmatchedPatterns } from "../walk/unmatched.js";
import { forgetLineStyles } from "../languages/shared/line-width.js";
import { forgetSettingsFiles } from "../languages/shared/settings-files.js";
import { forgetSdkVersions } from "../languages/typescript/sdk-version.js";
import { forgetPythonSdkVersions } from "../languages/python/sdk-version.js";

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
  // (Started early, ripgrep or the clean layer's check may have read files before now.)
  const runStart = Math.min(Date.now(), earlyStartedAt() ?? Infinity);
  forgetLineStyles();
  forgetSettingsFiles();
  forgetAliases();
  forgetSdkVersions();
  forgetPythonSdkVersions();
  const ruleset = makeRuleset(options.rules ?? defaultRules(options.reasonerTarget, options.to ?? "v4"));
  const clock = clockInfo(options.now);
  // --cache: earlier analyses of files whose text has not changed (src/core/cache.ts).
  const cacheFile = options.cache !== undefined ? path.resolve(options.cwd, options.cache) : undefined;
  const cache =
    cacheFile !== undefined
      ? loadCache(cacheFile, settingsKey(VERSION, ruleset, clock, undefined, { maxTokensFloor: options.maxTokensFloor ?? DEFAULT_MAX_TOKENS_FLOOR }))
      : undefined;
  const scanOpts = scanOptionsOf(options, ruleset, clock, cache);
  // The walk hands each file to the scanner as it finds it (in the final order), so the worker
  // pool reads and parses while the walk goes on (src/engine/pool.ts).
  // --changed-since: the walk keeps only the changed files (src/walk/changed.ts).
  const only = options.changedSince !== undefined ? await changedSince(options.cwd, options.changedSince, (files) => preloadParsers(files, ruleset.needles)) : undefined;
  const scanner = new FileScanner(scanOpts, { onProgress: hooks.onProgress });
  const rgOptions: RgOptions = { cwd: options.cwd, paths: options.paths, needles: ruleset.needles, gitignore: options.gitignore, maxFileSize: options.maxFileSize };
  // A warm cache with a clean layer: a worker checks the recorded files' stat keys while the walk
  // runs; the files still clean are not read, and ripgrep starts only if many others are unknown
  // (src/core/clean-layer.ts).
  const check = cache && cache.clean.length > 0 && !only ? takeCleanCheck(cacheFile!, path.resolve(options.cwd), options.maxFileSize) : undefined;
  if (check) dropEarly();
  else dropEarlyCleanCheck();
  // ripgrep, when available, prefilters in its own process while the walk runs: the walk then only
  // collects its files, and files ripgrep did not name are clean unread (src/walk/rg.ts).
  // (Not for --changed-since: ripgrep would read the whole tree for a handful of files.)
  const rg = only || check ? undefined : startRg(rgOptions);
  const memo = cache ? trackedMemo(cache, runStart) : undefined;
  const walked = await walkInto(options, { cacheFile, only, scanner, rg, collect: check !== undefined, ...(memo ? { memo } : {}) });
  const warm = check ? { check, cache: cache!, rgOptions } : undefined;
  const { results, filesScanned, layer } = await scanWalked(walked, { cwd: options.cwd, scanOpts, scanner, rg, warm, hooks });
  // With --cache: the files the scan read and did not settle clean (the others go to the clean layer).
  const unsettled = cache ? new Set(results.filter((r) => !r.settled).map((r) => r.file)) : undefined;
  // Only results that say something are kept: a clean file is counted, not stored.
  const files = results.filter(reportable);
  // Tables keyed by names built from an ID (clean or not): the groups read them (src/rules/derived-keys.ts).
  const derived = results.filter((r) => r.derivedKeys !== undefined);
  // Rename groups: occurrences of one ID that must stay equal are fixed together (src/rules/groups.ts).
  // The post-phase sees this run's files only (with --shard, the files of the shard).
  const walkedFiles = walked.collected ? walked.rgRels : results.map((r) => r.file);
  for (const f of applyGroups(files, { cwd: options.cwd, walked: walkedFiles, derived })) refix(f, options.unsafeFixes);
  for (const f of derived) delete f.derivedKeys;
  for (const f of files) {
    delete f.imports;
    delete f.substringTests;
  }
  if (scanOpts.deferDiffs) lazyDiffs(files);
  const { unreadable, errors, warnings } = runNotes(options, walked, files);
  if (cache) {
    const walkedRels = walkedFiles;
    const covered = coverage(options, only);
    const clean = composeLayer(walkedRels, { unsettled: unsettled!, layer, old: cache.clean, covered, cwd: options.cwd, runStart });
    for (const w of storeCache(cache, files, clean, covered, options.cwd)) warnings.push(w);
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
    ...(walked.leftovers.length ? { leftovers: walked.leftovers } : {}),
  };
}

function scanOptionsOf(options: RunOptions, ruleset: Ruleset, clock: ClockInfo, cache: LoadedCache | undefined): ScanFileOptions {
  return {
    ruleset,
    clock,
    unsafeFixes: options.unsafeFixes,
    maxFileSize: options.maxFileSize,
    lint: { maxTokensFloor: options.maxTokensFloor ?? DEFAULT_MAX_TOKENS_FLOOR },
    ...(options.select?.length || options.ignore?.length ? { codes: { select: options.select ?? [], ignore: options.ignore ?? [] } } : {}),
    ...(cache ? { cache: cache.cache } : {}),
    // check: diffs are made only if the report reads them (lazyDiffs below), and no file's bytes
    // are kept for a write.
    ...(options.mode === "check" ? { deferDiffs: true, readOnly: true } : {}),
  };
}

/** What the walk handed over: the scanner has the files, or with ripgrep their paths are kept here. */
interface Walked {
  walk: ReturnType<typeof walk>;
  /** With ripgrep (or a warm clean layer), each walked file's path (not an entry object): memory stays flat. */
  rgRels: string[];
  /** Indices in rgRels of files ripgrep does not read: tracked by git although ignored. */
  rgUnread: number[];
  /** The walk collected the paths (ripgrep, or a warm clean layer) instead of handing the files to the scanner. */
  collected: boolean;
  /** Temporary files of an interrupted --write: never scanned. */
  leftovers: WalkEntry[];
}

/**
 * Walk the start paths, handing each file to the scanner (or, with ripgrep, keeping its path), in
 * the final order. A usage error (a pattern that matched nothing) stops ripgrep and the scanner.
 */
async function walkInto(
  options: RunOptions,
  to: { cacheFile: string | undefined; only: ChangedSet | undefined; scanner: FileScanner; rg: RgPrefilter | undefined; collect: boolean; memo?: TrackedMemo },
): Promise<Walked> {
  const { only, scanner, rg } = to;
  const collect = rg !== undefined || to.collect;
  // The tool's own files name legacy IDs: never scanned, from any start path. Only those files: a
  // folder at a cache file's place (unusable as the cache) is walked as always.
  const ownFiles = new Set([...(options.ownFiles ?? []), ...(to.cacheFile !== undefined ? [to.cacheFile] : [])].map((f) => path.resolve(options.cwd, f)));
  // (Their lengths first: most walked paths are told apart without hashing the path.)
  const ownLengths = new Set([...ownFiles].map((f) => f.length));
  const out: Walked = { walk: undefined as unknown as Walked["walk"], rgRels: [], rgUnread: [], leftovers: [], collected: collect };
  const shard = options.shard && options.shard.count > 1 ? options.shard : undefined;
  try {
    out.walk = walk({
      cwd: options.cwd,
      paths: options.paths,
      gitignore: options.gitignore,
      include: options.include,
      exclude: options.exclude,
      keepFiles: false,
      ...(only ? { only } : {}),
      ...(to.memo ? { trackedMemo: to.memo } : {}),
      onFile: (e) => {
        if (ownLengths.has(e.abs.length) && ownFiles.has(e.abs)) return;
        if (isTempFileName(e.abs)) out.leftovers.push(e);
        else if (!shard || shardOf(e.rel, shard.count) === shard.index) {
          if (collect) {
            if (e.tracked) out.rgUnread.push(out.rgRels.length);
            out.rgRels.push(e.rel);
          } else scanner.add(e);
        }
      },
    });
    // With --changed-since, a path or pattern without changed files is the normal case.
    const unmatched = options.errorOnUnmatchedPattern && !only ? unmatchedPatterns(options, out.walk) : undefined;
    if (unmatched) throw new UsageError(unmatched);
  } catch (e) {
    rg?.kill();
    await scanner.abort();
    throw e;
  }
  if (out.walk.lateFiles && collect) {
    // Tracked ignored files came after the others (src/walk/walk.ts): back to the sorted order.
    const unread = new Set(out.rgUnread.map((i) => out.rgRels[i]!));
    out.rgRels.sort(byText);
    out.rgUnread.length = 0;
    out.rgRels.forEach((r, i) => unread.has(r) && out.rgUnread.push(i));
  }
  return out;
}

/** Every walked file's result, in path order (with ripgrep, the files it named; the others are clean), and how many were scanned. */
async function scanWalked(
  walked: Walked,
  by: {
    cwd: string;
    scanOpts: ScanFileOptions;
    scanner: FileScanner;
    rg: RgPrefilter | undefined;
    warm: Pick<WarmScan, "check" | "cache" | "rgOptions"> | undefined;
    hooks: RunHooks;
  },
): Promise<{ results: FileResult[]; filesScanned: number; layer?: PairedLayer }> {
  const { scanOpts, rg } = by;
  const { rgRels } = walked;
  const scanMany = (es: WalkEntry[]) => {
    // Progress counts every walked file; the others are done by now.
    const before = rgRels.length - es.length;
    const onProgress = by.hooks.onProgress;
    // (Files with a cache entry mostly need no parser: they do not count towards the pool.)
    const entries = scanOpts.cache?.entries;
    return scanAll(es, scanOpts, {
      ...(poolPays(entries ? es.filter((e) => !entries.has(e.rel)) : es) ? { minFiles: 0 } : { workers: 0 }),
      ...(onProgress ? { onProgress: (p: ScanProgress) => onProgress({ ...p, found: before + p.found, done: before + p.done, total: p.total === undefined ? undefined : before + p.total }) } : {}),
    });
  };
  if (!walked.collected) {
    const results = await by.scanner.finish();
    if (walked.walk.lateFiles) results.sort((a, b) => byText(a.file, b.file));
    return { results, filesScanned: results.length };
  }
  const scanOne = (e: WalkEntry) => scanFile(e.abs, e.rel, scanOpts);
  if (by.warm) {
    // A warm clean layer: only the files it does not know clean are read (src/core/warm-scan.ts).
    const { results, layer } = await scanWarm(rgRels, walked.rgUnread, { ...by.warm, cwd: by.cwd, scanOne, scanMany });
    return { results, filesScanned: rgRels.length, ...(layer ? { layer } : {}) };
  }
  const { results } = await scanWithRg(rgRels, rg!, scanOne, scanMany, walked.rgUnread);
  return { results, filesScanned: rgRels.length };
}

/** The run's errors (unreadable folders and files) and warnings (skipped entries, leftovers, parse notes). */
function runNotes(options: RunOptions, walked: Walked, files: FileResult[]): { unreadable: RunError[]; errors: RunError[]; warnings: RunError[] } {
  const w = walked.walk;
  const unreadable: RunError[] = inShard(w.unreadable, options.shard, (s) => s.file).map((s) => ({ file: s.file, message: s.reason }));
  const errors: RunError[] = [...unreadable];
  const warnings: RunError[] = inShard(w.skipped, options.shard, (s) => s.file).map((s) => ({ file: s.file, message: s.reason }));
  for (const l of walked.leftovers) warnings.push({ file: l.rel, message: LEFTOVER_NOTE });
  if (w.trackedIgnored > 0) {
    const n = w.trackedIgnored;
    warnings.push({ file: ".", message: `${n} tracked file${n === 1 ? "" : "s"} matched .gitignore and ${n === 1 ? "was" : "were"} scanned (git tracks ${n === 1 ? "it" : "them"}; --exclude leaves ${n === 1 ? "it" : "them"} out)` });
  }
  for (const f of files) {
    if (f.status === "error") errors.push({ file: f.file, message: f.message ?? "error" });
    else if (f.status === "skipped" && f.message) warnings.push({ file: f.file, message: f.message });
    for (const w of f.warnings) warnings.push({ file: f.file, message: w });
  }
  return { unreadable, errors, warnings };
}

/** Whether a file (relative path) lies within what this run covers: its start paths, its shard, the changed files. */
function coverage(options: RunOptions, only: ChangedSet | undefined): (rel: string) => boolean {
  const prefixes = options.paths.map((p) => {
    const r = toRel(options.cwd, path.resolve(options.cwd, p));
    return r === "." ? "" : r;
  });
  const shard = options.shard && options.shard.count > 1 ? options.shard : undefined;
  return (rel: string) =>
    prefixes.some((p) => p === "" || rel === p || rel.startsWith(p + "/")) &&
    (!shard || shardOf(rel, shard.count) === shard.index) &&
    (!only || changedFile(only, path.resolve(options.cwd, rel)));
}

/**
 * Write this run's cache entries (taking them off the results) and return the cache's warnings.
 * Entries of files outside this run (other start paths, other shards) are kept.
 */
function storeCache(cache: LoadedCache, files: FileResult[], clean: Layer | string, covered: (rel: string) => boolean, cwd: string): RunError[] {
  const fresh = new Map<string, [string, string]>();
  for (const f of files) {
    if (f.analysis) fresh.set(f.file, f.analysis);
    delete f.analysis;
  }
  const where = toRel(cwd, cache.file);
  const out: RunError[] = [];
  if (cache.warning) out.push({ file: where, message: cache.warning });
  const failed = saveCache(cache, VERSION, { entries: fresh, clean }, covered);
  if (failed) out.push({ file: where, message: failed });
  return out;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether a file's result says anything (findings, notes, a status, a fix); the others are only counted. */
function reportable(f: FileResult): boolean {
  return f.status !== "ok" || f.findings.length > 0 || f.warnings.length > 0 || f.fixed !== undefined || f.diff !== undefined || f.message !== undefined;
}

export { writeAll };

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
