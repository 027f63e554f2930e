import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { UsageError } from "../core/errors.js";
import { changedDir, changedFile, type ChangedSet } from "./changed.js";
import { ALWAYS_SKIPPED_DIRS } from "./always-skipped.js";

export { ALWAYS_SKIPPED_DIRS };

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

const LITERAL = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;

/** One matcher per glob: a pattern without "/" matches a name at any depth, like .gitignore. */
function globMatchers(patterns: string[]): ((rel: string) => boolean)[] {
  return patterns.map((p) => {
    const clean = p.replace(/^\.\//, "").replace(/\/$/, "");
    // A plain name or path (no glob or escape character: the tool's own configuration file, a
    // folder name) matches only itself: compared as a string, without picomatch per walked entry.
    if (LITERAL.test(clean)) {
      if (clean.includes("/")) return (rel: string) => rel === clean;
      const tail = "/" + clean;
      return (rel: string) => rel === clean || rel.endsWith(tail);
    }
    const m = picomatch(clean, { dot: true });
    if (clean.includes("/")) return (rel: string) => m(rel);
    return (rel: string) => m(rel.slice(rel.lastIndexOf("/") + 1)) || m(rel);
  });
}

/** A glob matcher for any of the patterns. */
export function globMatcher(patterns: string[]): ((rel: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  const fns = globMatchers(patterns);
  return (rel) => fns.some((f) => f(rel));
}

/** Folder errors that mean the folder went away during the walk (a note), not that it could not be read. */
const VANISHED = new Set(["ENOENT", "ENOTDIR"]);

/**
 * One .gitignore (or .git/info/exclude) and how to turn a path relative to the walk's start folder
 * into a path relative to the ignore file's folder: `lead + startRel.slice(strip)`. Paths are built
 * by string concatenation, never with path.relative per entry (that dominated the walk's cost).
 */
interface IgnoreLayer {
  body: string;
  ig: Ignore;
  /** Checks since `ig` was built: the `ignore` package caches every path it has seen, so the
   * instance is rebuilt now and then to keep memory flat on large trees. */
  checks: number;
  lead: string;
  strip: number;
  /** A matcher on the entry's name alone, for an ignore file of plain names and `*suffix` rules. */
  simple?: SimpleRules;
}

const IGNORE_CACHE_LIMIT = 4096;

/**
 * The rules of an ignore file made only of plain names (`build/`, `.env`) and `*suffix` patterns
 * (`*.tmp`), lowercased (the `ignore` package matches without case by default). Such a rule has no
 * slash before its end, so it matches an entry by its name at any depth, and the walk never enters
 * an ignored folder: testing the entry's own name gives the `ignore` package's answer without its
 * per-path work. Anything else (negations, globs, anchored paths, escapes, odd spacing): undefined.
 */
interface SimpleRules {
  names: Set<string>;
  dirNames: Set<string>;
  suffixes: string[];
  dirSuffixes: string[];
}

const NON_ASCII = /[^\x00-\x7f]/;
const SIMPLE_RULE = /^(\*?)([A-Za-z0-9_.-]+)(\/?)$/;

export function simpleRules(body: string): SimpleRules | undefined {
  const rules: SimpleRules = { names: new Set(), dirNames: new Set(), suffixes: [], dirSuffixes: [] };
  for (const raw of body.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "" || line.startsWith("#")) continue;
    const m = SIMPLE_RULE.exec(line);
    if (!m || /^\.+$/.test(m[2]!)) return undefined;
    const text = m[2]!.toLowerCase();
    const dirOnly = m[3] === "/";
    if (m[1]) (dirOnly ? rules.dirSuffixes : rules.suffixes).push(text);
    else (dirOnly ? rules.dirNames : rules.names).add(text);
  }
  return rules;
}

export function simpleIgnores(r: SimpleRules, name: string, isDir: boolean): boolean {
  const n = name.toLowerCase();
  if (r.names.has(n) || (isDir && r.dirNames.has(n))) return true;
  for (const s of r.suffixes) if (n.endsWith(s)) return true;
  if (isDir) for (const s of r.dirSuffixes) if (n.endsWith(s)) return true;
  return false;
}

function readIgnoreBody(dir: string, name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, name), "utf8");
  } catch {
    return undefined;
  }
}

function layer(body: string, lead: string, strip: number): IgnoreLayer {
  // Only for ignore files inside the walk (no lead): the folders between them and an entry were
  // all tested on the way down. Above the start folder, the `ignore` package also tests the lead.
  const simple = lead === "" ? simpleRules(body) : undefined;
  return { body, ig: ignore().add(body), checks: 0, lead, strip, ...(simple ? { simple } : {}) };
}

/**
 * `startBase + name` is the entry's path relative to the walk's start folder ("/" separators),
 * `name` its own name. The path is only built for a layer that needs it (not a simple one).
 */
function isIgnored(layers: IgnoreLayer[], startBase: string, name: string, isDir: boolean): boolean {
  // (An ASCII name: lowercasing is then exactly the `ignore` package's case folding.)
  let ascii: boolean | undefined;
  for (const l of layers) {
    if (l.simple && (ascii ??= !NON_ASCII.test(name))) {
      if (simpleIgnores(l.simple, name, isDir)) return true;
      continue;
    }
    if (++l.checks > IGNORE_CACHE_LIMIT) {
      l.ig = ignore().add(l.body);
      l.checks = 0;
    }
    const startRel = startBase + name;
    const rel = l.lead + (l.strip ? startRel.slice(l.strip) : startRel);
    if (l.ig.ignores(isDir ? rel + "/" : rel)) return true;
  }
  return false;
}

/** The repository root at or above a folder (the folder with a `.git` entry), or undefined outside one. */
export function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; ) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The files git tracks although its ignore rules list them (`git ls-files -ci --exclude-standard`),
 * by absolute path, and every folder that holds one. A file committed before its folder was ignored,
 * or added with `git add -f`, is part of the repository: it is scanned. Undefined when there is none
 * or git cannot tell (not installed, not a work tree).
 */
export interface TrackedIgnored {
  files: Set<string>;
  dirs: Set<string>;
}

export function trackedIgnoredFiles(root: string): TrackedIgnored | undefined {
  return gitListed(root, ["ls-files", "-ci", "--exclude-standard", "-z"]);
}

/** The files a `git ls-files -z …` in `root` lists, with the folders on the way to them. */
function gitListed(root: string, args: string[]): TrackedIgnored | undefined {
  let out: string;
  try {
    out = execFileSync("git", ["-C", root, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
      windowsHide: true,
    });
  } catch {
    return undefined;
  }
  if (out === "") return undefined;
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const rel of out.split("\0")) {
    if (rel === "") continue;
    const abs = path.join(root, rel);
    files.add(abs);
    for (let d = path.dirname(abs); d.length > root.length && !dirs.has(d); d = path.dirname(d)) dirs.add(d);
  }
  return { files, dirs };
}

/**
 * The files git tracks at or under `entries` (absolute paths of ignored files and folders the walk
 * met, inside the work tree at `root`), as TrackedIgnored: every tracked ignored file of the
 * repository is one of them or under one (the walk never enters an ignored folder on its own), so
 * this gives the walk what trackedIgnoredFiles gives, without matching every tracked path against
 * the ignore rules. Undefined when there is none or git cannot tell.
 */
export function trackedUnder(root: string, entries: string[]): TrackedIgnored | undefined {
  if (entries.length === 0) return undefined;
  const base = root.endsWith(path.sep) ? root : root + path.sep;
  const specs = entries.map((e) => (e.startsWith(base) ? e.slice(base.length) : e).split(path.sep).join("/"));
  // A command line has a length limit (32 K characters on Windows): many entries, the whole list.
  if (specs.length > 500 || specs.reduce((n, x) => n + x.length + 3, 0) > 24_000) return trackedIgnoredFiles(root);
  // Pathspecs taken literally (a name may hold glob characters).
  return gitListed(root, ["--literal-pathspecs", "ls-files", "-z", "--cached", "--", ...specs]);
}

/** The ignore layers that apply above a start folder, up to its repository root (.git/info/exclude too). */
function ancestorLayers(start: string): IgnoreLayer[] {
  const above: string[] = [];
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, ".git"))) break;
    const up = path.dirname(dir);
    if (up === dir) return []; // not in a repository: only .gitignore files inside the tree apply
    dir = up;
    above.unshift(dir);
  }
  const leadOf = (d: string) => {
    const r = path.relative(d, start).split(path.sep).join("/");
    return r ? r + "/" : "";
  };
  const layers: IgnoreLayer[] = [];
  const info = readIgnoreBody(path.join(dir, ".git", "info"), "exclude");
  if (info !== undefined) layers.push(layer(info, leadOf(dir), 0));
  for (const d of above) {
    const body = readIgnoreBody(d, ".gitignore");
    if (body !== undefined) layers.push(layer(body, leadOf(d), 0));
  }
  return layers;
}

/**
 * Find the files to scan (docs/contract.md §7): .gitignore respected, always-skipped folders and
 * lockfiles passed over, symbolic links never followed, special files skipped, --include/--exclude
 * applied. Files named explicitly are scanned even when ignored (except lockfiles and excludes),
 * and so are the files git tracks although a .gitignore lists them (asked of git once per
 * repository root, only inside a work tree; see trackedIgnoredFiles). The result is sorted by
 * relative path, so every run reports in the same order.
 */
export function walk(opts: WalkOptions): WalkResult {
  const includes = globMatchers(opts.include);
  const includeHit = includes.map(() => false);
  let includeUnhit = includes.length;
  const exclude = globMatcher(opts.exclude);
  const paths = opts.paths.length ? opts.paths : ["."];
  // Several start paths can overlap: dedupe by absolute path then. One start path cannot.
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const files: WalkEntry[] = [];
  const skipped: WalkResult["skipped"] = [];
  let trackedIgnored = 0;
  /** Tracked-but-ignored files of the repository the current start folder is in. */
  let tracked: TrackedIgnored | undefined;
  const trackedByRoot = new Map<string, TrackedIgnored | undefined>();
  /**
   * Without a list of tracked ignored files yet: the ignored files and folders met, in walk order,
   * with what it takes to walk them later, and where their notes go (the lengths of `skipped` and
   * `unreadable` when met). Git is asked about them once the start folder is walked.
   */
  let deferred:
    | { abs: string; name: string; sRel: string; cRel: string; layers: IgnoreLayer[]; isDir: boolean; skippedAt: number; unreadableAt: number }[]
    | undefined;
  let lateFiles = false;
  const unreadable: WalkResult["unreadable"] = [];
  const pathFiles: number[] = [];
  let current = 0;

  // One start path: the walk's own order is the sorted order, so files can be handed on at once.
  const streaming = paths.length === 1 ? opts.onFile : undefined;
  const keep = !streaming || opts.keepFiles !== false;
  const only = opts.only;
  const addFile = (abs: string, rel: string, base: string, isTracked = false) => {
    if (only && !changedFile(only, abs)) return;
    if (LOCKFILES.has(base)) return;
    if (exclude?.(rel)) return;
    if (includes.length > 0) {
      let ok = false;
      // Every pattern matched a file already: the first match is enough. Until then, each pattern
      // that matches is noted (a pattern that matches nothing is reported).
      if (includeUnhit === 0) ok = includes.some((f) => f(rel));
      else
        for (let i = 0; i < includes.length; i++) {
          if (!includes[i]!(rel)) continue;
          ok = true;
          if (!includeHit[i]) {
            includeHit[i] = true;
            includeUnhit--;
          }
        }
      if (!ok) return;
    }
    current++;
    if (seen) {
      if (seen.has(abs)) return;
      seen.add(abs);
    }
    const entry: WalkEntry = isTracked ? { abs, rel, tracked: true } : { abs, rel };
    if (isTracked) trackedIgnored++;
    if (keep) files.push(entry);
    streaming?.(entry);
  };

  /**
   * dirAbs: absolute folder; startRel: relative to the start folder ("" for it); cwdRel: relative to
   * cwd ("" for cwd). `ignoredDir`: the folder is ignored, entered only for the tracked files in it.
   */
  const visit = (dirAbs: string, startRel: string, cwdRel: string, layers: IgnoreLayer[], ignoredDir = false) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dirAbs, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      (code && VANISHED.has(code) ? skipped : unreadable).push({ file: cwdRel || ".", reason: `cannot read folder: ${code ?? e}` });
      return;
    }
    let here = layers;
    if (opts.gitignore) {
      for (const e of entries) {
        if (e.name !== ".gitignore" || e.isDirectory()) continue;
        const body = readIgnoreBody(dirAbs, ".gitignore");
        if (body !== undefined) here = [...layers, layer(body, "", startRel ? startRel.length + 1 : 0)];
        break;
      }
    }
    // Visit siblings in the order their relative paths sort: a folder as "name/", a file as "name".
    // Then a depth-first walk yields every file in sorted order (no folder's files can sort between
    // two siblings' files), which lets the walk stream its files.
    if (streaming) entries = sortSiblings(entries);
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
        if (ignored && deferred && !ignoredDir) {
          deferred.push({ abs: absBase + name, name, sRel, cRel: cwdBase + name, layers: here, isDir: true, skippedAt: skipped.length, unreadableAt: unreadable.length });
          continue;
        }
        if (ignored && !tracked?.dirs.has(absBase + name)) continue;
        const cRel = cwdBase + name;
        if (exclude?.(cRel)) continue;
        visit(absBase + name, sRel, cRel, here, ignored);
      } else if (e.isFile()) {
        if (ignoredDir || (opts.gitignore && isIgnored(here, startBase, name, false))) {
          if (deferred && !ignoredDir)
            deferred.push({ abs: absBase + name, name, sRel: startBase + name, cRel: cwdBase + name, layers: here, isDir: false, skippedAt: skipped.length, unreadableAt: unreadable.length });
          else if (tracked?.files.has(absBase + name)) addFile(absBase + name, cwdBase + name, name, true);
          continue;
        }
        addFile(absBase + name, cwdBase + name, name);
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
  };

  for (const p of paths) {
    const abs = path.resolve(opts.cwd, p);
    current = 0;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`path does not exist: ${p}`);
      throw new UsageError(`cannot read ${p}: ${code ?? String(e)}`);
    }
    if (only && !st.isDirectory() && !changedFile(only, abs)) {
      pathFiles.push(0);
      continue;
    } else if (st.isSymbolicLink()) {
      skipped.push({ file: toRel(opts.cwd, abs), reason: "symbolic link (not followed)" });
    } else if (st.isDirectory()) {
      const cwdRel = toRel(opts.cwd, abs);
      tracked = undefined;
      deferred = undefined;
      const root = opts.gitignore ? repositoryRoot(abs) : undefined;
      if (root !== undefined) {
        // (--changed-since: the changed files git tracks are the only candidates.)
        if (only) tracked = only.tracked;
        else if (opts.eagerTracked) {
          if (!trackedByRoot.has(root)) trackedByRoot.set(root, trackedIgnoredFiles(root));
          tracked = trackedByRoot.get(root);
        } else deferred = [];
      }
      visit(abs, "", cwdRel === "." ? "" : cwdRel, opts.gitignore ? ancestorLayers(abs) : []);
      const met = deferred;
      deferred = undefined;
      if (root !== undefined && met && met.length > 0) {
        // Only the ignored entries the walk met can hold tracked files: git is asked about them.
        tracked = trackedUnder(root, met.map((m) => m.abs));
        if (tracked) {
          const before = files.length;
          const beforeCount = trackedIgnored;
          // Their notes go where a walk that knew would have put them (walk order).
          const lateSkipped: { at: number; list: WalkResult["skipped"] }[] = [];
          const lateUnreadable: { at: number; list: WalkResult["unreadable"] }[] = [];
          for (const m of met) {
            if (m.isDir ? !tracked.dirs.has(m.abs) : !tracked.files.has(m.abs)) continue;
            if (!m.isDir) {
              addFile(m.abs, m.cRel, m.name, true);
              continue;
            }
            if (exclude?.(m.cRel)) continue;
            const s0 = skipped.length;
            const u0 = unreadable.length;
            visit(m.abs, m.sRel, m.cRel, m.layers, true);
            if (skipped.length > s0) lateSkipped.push({ at: m.skippedAt, list: skipped.splice(s0) });
            if (unreadable.length > u0) lateUnreadable.push({ at: m.unreadableAt, list: unreadable.splice(u0) });
          }
          for (const l of lateSkipped.reverse()) skipped.splice(l.at, 0, ...l.list);
          for (const l of lateUnreadable.reverse()) unreadable.splice(l.at, 0, ...l.list);
          if (trackedIgnored > beforeCount || files.length > before) lateFiles = true;
        }
      }
    } else if (st.isFile()) {
      const denied = unreadableFile(abs);
      if (denied) unreadable.push({ file: toRel(opts.cwd, abs), reason: `cannot read: ${denied}` });
      else addFile(abs, toRel(opts.cwd, abs), path.basename(abs));
    } else {
      skipped.push({ file: toRel(opts.cwd, abs), reason: "not a regular file" });
    }
    pathFiles.push(current);
  }
  files.sort(byRel);
  if (opts.onFile && !streaming) for (const f of files) opts.onFile(f);
  return { files, skipped, trackedIgnored, unreadable, pathFiles, includeHit, ...(lateFiles && streaming ? { lateFiles: true as const } : {}) };
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
