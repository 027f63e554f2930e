/**
 * Finding the files to scan (`walk`). Its ignore rules are in ignore-rules.ts, the --include and
 * --exclude matchers in globs.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.js";
import { changedDir, changedFile, type ChangedSet } from "./changed.js";
import { ALWAYS_SKIPPED_DIRS } from "./always-skipped.js";
import { ancestorLayers, withFolderRules, isIgnored, repositoryRoot, trackedIgnoredFiles, trackedUnder } from "./ignore-rules.js";
import type { IgnoreLayer, TrackedIgnored, TrackedMemo } from "./ignore-rules.js";
import { globMatcher, globMatchers } from "./globs.js";

export { ALWAYS_SKIPPED_DIRS };
export { simpleIgnores, simpleRules } from "./ignore-rules.js";
export { globMatcher } from "./globs.js";

/** Files never touched (docs/contract.md §8). */
export const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lock",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "Cargo.lock",
  "Gemfile.lock",
  "composer.lock",
  "go.sum",
  "deno.lock",
  "pdm.lock",
  "pixi.lock",
  "flake.lock",
]);

export interface WalkOptions {
  cwd: string;
  /** Files or folders, relative to cwd or absolute. Default ["."]. */
  paths: string[];
  /** Respect .gitignore files (default true; --no-ignore turns it off). */
  gitignore: boolean;
  include: string[];
  exclude: string[];
  /**
   * Called with every file, in the final (sorted) order. With one start path it is called while
   * the walk runs (siblings are visited in the order their paths sort), so scanning can start
   * before the walk ends; with several it is called at the end.
   */
  onFile?: (entry: WalkEntry) => void;
  /**
   * Keep the files for the result's `files` (default true). A streaming caller (one start path,
   * `onFile`) that stores what it needs passes false: the walk then holds no entry per file.
   */
  keepFiles?: boolean;
  /**
   * --changed-since: only these files (and the notes on links and special files among them); only
   * the folders on the way to them are entered. Every other rule applies as in a full walk.
   */
  only?: ChangedSet;
  /**
   * Ask git for every tracked ignored file of the repository before walking (trackedIgnoredFiles),
   * instead of asking about the ignored entries the walk meets once it has walked (the default,
   * trackedUnder): the same files, in the sorted order while streaming. For tests.
   */
  eagerTracked?: boolean;
  /** Git's answers about tracked ignored files kept between runs (a `--cache` run; see TrackedMemo). */
  trackedMemo?: TrackedMemo;
}

export interface WalkEntry {
  abs: string;
  /** Relative to cwd, with / separators. */
  rel: string;
  /**
   * A file git tracks although a .gitignore lists it: walked all the same (the repository holds
   * it). ripgrep, which applies the .gitignore rules, does not read it.
   */
  tracked?: true;
}

export interface WalkResult {
  files: WalkEntry[];
  /** Entries passed over with a reason (symlinks, special files); reported, not fatal. */
  skipped: { file: string; reason: string }[];
  /** How many walked files git tracks although a .gitignore lists them (see WalkEntry.tracked). */
  trackedIgnored: number;
  /**
   * Start paths and folders that could not be read (permission denied, …): the walk could not
   * look there, so a gate must not pass (the CLI exits 2; docs/cli.md "Exit codes").
   */
  unreadable: { file: string; reason: string }[];
  /**
   * Set when files git tracks under an ignore rule were handed to `onFile` after the others (the
   * walk asks git about the ignored entries it met once a start folder is walked): the streamed
   * order is then not the sorted order, and the caller sorts.
   */
  lateFiles?: true;
  /** How many files each start path yielded (before deduplication), in the order of `paths`. */
  pathFiles: number[];
  /** Whether each `include` pattern matched at least one file, in the order of `include`. */
  includeHit: boolean[];
}

export function toRel(cwd: string, abs: string): string {
  const r = path.relative(cwd, abs);
  return (r === "" ? "." : r).split(path.sep).join("/");
}

/** Folder errors that mean the folder went away during the walk (a note), not that it could not be read. */
const VANISHED = new Set(["ENOENT", "ENOTDIR"]);

/**
 * Find the files to scan (docs/contract.md §7): .gitignore respected, always-skipped folders and
 * lockfiles passed over, symbolic links never followed, special files skipped, --include/--exclude
 * applied. Files named explicitly are scanned even when ignored (except lockfiles and excludes),
 * and so are the files git tracks although a .gitignore lists them (asked of git once per
 * repository root, only inside a work tree; see trackedIgnoredFiles). The result is sorted by
 * relative path, so every run reports in the same order.
 */
export function walk(opts: WalkOptions): WalkResult {
  const walker = new Walker(opts);
  for (const p of walker.paths) walker.walkPath(p);
  return walker.result();
}

/** An ignored file or folder met before git was asked which ignored files it tracks. */
interface Deferred {
  abs: string;
  name: string;
  sRel: string;
  cRel: string;
  layers: IgnoreLayer[];
  isDir: boolean;
  /** Where its notes go: the lengths of `skipped` and `unreadable` when it was met. */
  skippedAt: number;
  unreadableAt: number;
}

/** One walk's state: what it found so far, and the repository facts of the current start folder. */
class Walker {
  readonly paths: string[];
  private readonly includes: ((rel: string) => boolean)[];
  private readonly includeHit: boolean[];
  private includeUnhit: number;
  private readonly exclude: ((rel: string) => boolean) | undefined;
  /** Several start paths can overlap: dedupe by absolute path then. One start path cannot. */
  private readonly seen: Set<string> | undefined;
  private readonly files: WalkEntry[] = [];
  private readonly skipped: WalkResult["skipped"] = [];
  private readonly unreadable: WalkResult["unreadable"] = [];
  private readonly pathFiles: number[] = [];
  private trackedIgnored = 0;
  /** Tracked-but-ignored files of the repository the current start folder is in. */
  private tracked: TrackedIgnored | undefined;
  private readonly trackedByRoot = new Map<string, TrackedIgnored | undefined>();
  /**
   * Without a list of tracked ignored files yet: the ignored files and folders met, in walk order,
   * with what it takes to walk them later. Git is asked about them once the start folder is walked.
   */
  private deferred: Deferred[] | undefined;
  private lateFiles = false;
  /** Files the current start path yielded. */
  private current = 0;
  /** One start path: the walk's own order is the sorted order, so files can be handed on at once. */
  private readonly streaming: ((entry: WalkEntry) => void) | undefined;
  private readonly keep: boolean;
  private readonly only: ChangedSet | undefined;

  constructor(private readonly opts: WalkOptions) {
    this.includes = globMatchers(opts.include);
    this.includeHit = this.includes.map(() => false);
    this.includeUnhit = this.includes.length;
    this.exclude = globMatcher(opts.exclude);
    this.paths = opts.paths.length ? opts.paths : ["."];
    this.seen = this.paths.length > 1 ? new Set<string>() : undefined;
    this.streaming = this.paths.length === 1 ? opts.onFile : undefined;
    this.keep = !this.streaming || opts.keepFiles !== false;
    this.only = opts.only;
  }

  /** One start path: a folder (walked), a file (taken even when ignored), or a note why not. */
  walkPath(p: string): void {
    const { opts, only } = this;
    const abs = path.resolve(opts.cwd, p);
    this.current = 0;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`path does not exist: ${p}`);
      throw new UsageError(`cannot read ${p}: ${code ?? String(e)}`);
    }
    if (only && !st.isDirectory() && !changedFile(only, abs)) {
      this.pathFiles.push(0);
      return;
    } else if (st.isSymbolicLink()) {
      this.skipped.push({ file: toRel(opts.cwd, abs), reason: "symbolic link (not followed)" });
    } else if (st.isDirectory()) {
      this.walkStartFolder(abs);
    } else if (st.isFile()) {
      const denied = unreadableFile(abs);
      if (denied) this.unreadable.push({ file: toRel(opts.cwd, abs), reason: `cannot read: ${denied}` });
      else this.addFile(abs, toRel(opts.cwd, abs), path.basename(abs));
    } else {
      this.skipped.push({ file: toRel(opts.cwd, abs), reason: "not a regular file" });
    }
    this.pathFiles.push(this.current);
  }

  result(): WalkResult {
    const { files, skipped, trackedIgnored, unreadable, pathFiles, includeHit } = this;
    files.sort(byRel);
    if (this.opts.onFile && !this.streaming) for (const f of files) this.opts.onFile(f);
    return { files, skipped, trackedIgnored, unreadable, pathFiles, includeHit, ...(this.lateFiles && this.streaming ? { lateFiles: true as const } : {}) };
  }

  /** A start folder: its repository's tracked ignored files (now, or asked of git afterwards), then its tree. */
  private walkStartFolder(abs: string): void {
    const { opts, only } = this;
    const cwdRel = toRel(opts.cwd, abs);
    this.tracked = undefined;
    this.deferred = undefined;
    const root = opts.gitignore ? repositoryRoot(abs) : undefined;
    if (root !== undefined) {
      // (--changed-since: the changed files git tracks are the only candidates.)
      if (only) this.tracked = only.tracked;
      else if (opts.eagerTracked) {
        if (!this.trackedByRoot.has(root)) this.trackedByRoot.set(root, trackedIgnoredFiles(root));
        this.tracked = this.trackedByRoot.get(root);
      } else this.deferred = [];
    }
    this.visit(abs, "", cwdRel === "." ? "" : cwdRel, opts.gitignore ? ancestorLayers(abs) : []);
    const met = this.deferred;
    this.deferred = undefined;
    // Only the ignored entries the walk met can hold tracked files: git is asked about them.
    if (root !== undefined && met && met.length > 0) this.walkTrackedIgnored(root, met);
  }

  /** The ignored entries met that hold files git tracks: walked now, their notes put where a walk that knew would have. */
  private walkTrackedIgnored(root: string, met: Deferred[]): void {
    const { skipped, unreadable } = this;
    const tracked = (this.tracked = trackedUnder(root, met.map((m) => m.abs), this.opts.trackedMemo));
    if (!tracked) return;
    const before = this.files.length;
    const beforeCount = this.trackedIgnored;
    // Their notes go where a walk that knew would have put them (walk order).
    const lateSkipped: { at: number; list: WalkResult["skipped"] }[] = [];
    const lateUnreadable: { at: number; list: WalkResult["unreadable"] }[] = [];
    for (const m of met) {
      if (m.isDir ? !tracked.dirs.has(m.abs) : !tracked.files.has(m.abs)) continue;
      if (!m.isDir) {
        this.addFile(m.abs, m.cRel, m.name, true);
        continue;
      }
      if (this.exclude?.(m.cRel)) continue;
      const s0 = skipped.length;
      const u0 = unreadable.length;
      this.visit(m.abs, m.sRel, m.cRel, m.layers, true);
      if (skipped.length > s0) lateSkipped.push({ at: m.skippedAt, list: skipped.splice(s0) });
      if (unreadable.length > u0) lateUnreadable.push({ at: m.unreadableAt, list: unreadable.splice(u0) });
    }
    for (const l of lateSkipped.reverse()) skipped.splice(l.at, 0, ...l.list);
    for (const l of lateUnreadable.reverse()) unreadable.splice(l.at, 0, ...l.list);
    if (this.trackedIgnored > beforeCount || this.files.length > before) this.lateFiles = true;
  }

  private addFile(abs: string, rel: string, base: string, isTracked = false): void {
    const { only, includes, includeHit } = this;
    if (only && !changedFile(only, abs)) return;
    if (LOCKFILES.has(base)) return;
    if (this.exclude?.(rel)) return;
    if (includes.length > 0) {
      let ok = false;
      // Every pattern matched a file already: the first match is enough. Until then, each pattern
      // that matches is noted (a pattern that matches nothing is reported).
      if (this.includeUnhit === 0) ok = includes.some((f) => f(rel));
      else
        for (let i = 0; i < includes.length; i++) {
          if (!includes[i]!(rel)) continue;
          ok = true;
          if (!includeHit[i]) {
            includeHit[i] = true;
            this.includeUnhit--;
          }
        }
      if (!ok) return;
    }
    this.current++;
    if (this.seen) {
      if (this.seen.has(abs)) return;
      this.seen.add(abs);
    }
    const entry: WalkEntry = isTracked ? { abs, rel, tracked: true } : { abs, rel };
    if (isTracked) this.trackedIgnored++;
    if (this.keep) this.files.push(entry);
    this.streaming?.(entry);
  }

  /**
   * dirAbs: absolute folder; startRel: relative to the start folder ("" for it); cwdRel: relative to
   * cwd ("" for cwd). `ignoredDir`: the folder is ignored, entered only for the tracked files in it.
   */
  private visit(dirAbs: string, startRel: string, cwdRel: string, layers: IgnoreLayer[], ignoredDir = false): void {
    const { opts, only, skipped, unreadable, exclude } = this;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dirAbs, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      (code && VANISHED.has(code) ? skipped : unreadable).push({ file: cwdRel || ".", reason: `cannot read folder: ${code ?? e}` });
      return;
    }
    const here = opts.gitignore ? withFolderRules(entries, dirAbs, startRel, layers) : layers;
    // Visit siblings in the order their relative paths sort: a folder as "name/", a file as "name".
    // Then a depth-first walk yields every file in sorted order (no folder's files can sort between
    // two siblings' files), which lets the walk stream its files.
    if (this.streaming) entries = sortSiblings(entries);
    const absBase = dirAbs.endsWith(path.sep) ? dirAbs : dirAbs + path.sep;
    const startBase = startRel ? startRel + "/" : "";
    const cwdBase = cwdRel ? cwdRel + "/" : "";
    for (const e of entries) {
      const name = e.name;
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(name)) continue;
        if (only && !changedDir(only, absBase + name)) continue;
        const sRel = startBase + name;
        const ignored = ignoredDir || (opts.gitignore && isIgnored(here, startBase, name, true));
        if (ignored && this.deferred && !ignoredDir) {
          this.deferred.push({ abs: absBase + name, name, sRel, cRel: cwdBase + name, layers: here, isDir: true, skippedAt: skipped.length, unreadableAt: unreadable.length });
          continue;
        }
        if (ignored && !this.tracked?.dirs.has(absBase + name)) continue;
        const cRel = cwdBase + name;
        if (exclude?.(cRel)) continue;
        this.visit(absBase + name, sRel, cRel, here, ignored);
      } else if (e.isFile()) {
        if (ignoredDir || (opts.gitignore && isIgnored(here, startBase, name, false))) {
          if (this.deferred && !ignoredDir)
            this.deferred.push({ abs: absBase + name, name, sRel: startBase + name, cRel: cwdBase + name, layers: here, isDir: false, skippedAt: skipped.length, unreadableAt: unreadable.length });
          else if (this.tracked?.files.has(absBase + name)) this.addFile(absBase + name, cwdBase + name, name, true);
          continue;
        }
        this.addFile(absBase + name, cwdBase + name, name);
      } else if (only && !changedFile(only, absBase + name)) {
        continue;
      } else if (e.isSymbolicLink()) {
        skipped.push({ file: cwdBase + name, reason: "symbolic link (not followed)" });
      } else if (!ignoredDir && !(opts.gitignore && isIgnored(here, startBase, name, false)) && !exclude?.(cwdBase + name)) {
        // FIFOs, sockets and devices are never opened (a FIFO would block the run); reported.
        const kind = e.isFIFO() ? "a FIFO" : e.isSocket() ? "a socket" : "a device";
        skipped.push({ file: cwdBase + name, reason: `not a regular file (${kind}); skipped` });
      }
    }
  }
}

/** Why a start path that is a file cannot be read (its error code), or undefined when it can. */
function unreadableFile(abs: string): string | undefined {
  try {
    fs.accessSync(abs, fs.constants.R_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? String(e);
  }
}

function byRel(a: WalkEntry, b: WalkEntry): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
}

/**
 * Siblings in the order their relative paths sort: a folder as "name/", a file as "name". The
 * listing mostly comes in that order already (sorted by name), so it is only checked, then sorted
 * in place when it is not; the keys are compared without being built.
 */
function sortSiblings(entries: fs.Dirent[]): fs.Dirent[] {
  for (let i = 1; i < entries.length; i++) {
    if (bySiblingKey(entries[i - 1]!, entries[i]!) > 0) return entries.sort(bySiblingKey);
  }
  return entries;
}

/** Compare two siblings' keys (name, plus "/" for a folder); two siblings never share a name. */
export function bySiblingKey(a: { name: string; isDirectory(): boolean }, b: { name: string; isDirectory(): boolean }): number {
  const x = a.name;
  const y = b.name;
  // One name a prefix of the other: the "/" of a folder's key meets the longer name's next character.
  if (y.startsWith(x)) return a.isDirectory() && y.charCodeAt(x.length) < 47 ? 1 : -1;
  if (x.startsWith(y)) return b.isDirectory() && x.charCodeAt(y.length) < 47 ? -1 : 1;
  return x < y ? -1 : 1;
}
