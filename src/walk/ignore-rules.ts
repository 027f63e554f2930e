/**
 * The walk's ignore rules (src/walk/walk.ts): .gitignore files and .git/info/exclude as layers
 * matched by string concatenation, the simple rules matched without the ignore package, and which
 * ignored files git tracks all the same (asked of git once per repository root).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

/**
 * One .gitignore (or .git/info/exclude) and how to turn a path relative to the walk's start folder
 * into a path relative to the ignore file's folder: `lead + startRel.slice(strip)`. Paths are built
 * by string concatenation, never with path.relative per entry (that dominated the walk's cost).
 */
export interface IgnoreLayer {
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
export interface SimpleRules {
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

export function readIgnoreBody(dir: string, name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, name), "utf8");
  } catch {
    return undefined;
  }
}

export function layer(body: string, lead: string, strip: number): IgnoreLayer {
  // Only for ignore files inside the walk (no lead): the folders between them and an entry were
  // all tested on the way down. Above the start folder, the `ignore` package also tests the lead.
  const simple = lead === "" ? simpleRules(body) : undefined;
  return { body, ig: ignore().add(body), checks: 0, lead, strip, ...(simple ? { simple } : {}) };
}

/**
 * `startBase + name` is the entry's path relative to the walk's start folder ("/" separators),
 * `name` its own name. The path is only built for a layer that needs it (not a simple one).
 */
export function isIgnored(layers: IgnoreLayer[], startBase: string, name: string, isDir: boolean): boolean {
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
  const out = gitOutput(root, ["ls-files", "-ci", "--exclude-standard", "-z"]);
  return out === undefined ? undefined : listed(root, out);
}

/**
 * Git's answers about the tracked files under ignored entries, kept between runs by the results
 * cache (src/core/cache.ts). `git ls-files --cached -- PATHS` reads nothing but the index, so the
 * same question about the same index file has the same answer; the memo decides whether the
 * index's stat is one it can vouch for (its change and modification times, size and inode).
 */
export interface TrackedMemo {
  /** The answer recorded for this question about this index, if any. */
  get(question: string, index: fs.Stats): string | undefined;
  /** Keep an answer for the next run. */
  set(question: string, index: fs.Stats, answer: string): void;
}

/**
 * The index file of the work tree at `root`, stat'ed (a `.git` folder, or a `.git` file naming the
 * git folder: a linked work tree or a submodule). Undefined when git may read another index
 * (GIT_DIR, GIT_INDEX_FILE, GIT_WORK_TREE or GIT_COMMON_DIR set) or there is none.
 */
function indexStat(root: string): fs.Stats | undefined {
  const env = process.env;
  if (env.GIT_DIR !== undefined || env.GIT_INDEX_FILE !== undefined || env.GIT_WORK_TREE !== undefined || env.GIT_COMMON_DIR !== undefined) return undefined;
  try {
    let gitDir = path.join(root, ".git");
    if (fs.statSync(gitDir).isFile()) {
      const m = /^gitdir: (.+)$/m.exec(fs.readFileSync(gitDir, "utf8"));
      if (!m) return undefined;
      gitDir = path.resolve(root, m[1]!.trim());
    }
    const st = fs.statSync(path.join(gitDir, "index"), { throwIfNoEntry: false });
    return st?.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

/** What a `git -C root ARGS` printed, or undefined when git cannot tell (not installed, not a work tree). */
function gitOutput(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", ["-C", root, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
      windowsHide: true,
    });
  } catch {
    return undefined;
  }
}

/** The files a `git ls-files -z …` in `root` printed, with the folders on the way to them. */
function listed(root: string, out: string): TrackedIgnored | undefined {
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
 * the ignore rules. Undefined when there is none or git cannot tell. With a memo (a `--cache` run),
 * an unchanged index gives the answer of an earlier run without starting git.
 */
export function trackedUnder(root: string, entries: string[], memo?: TrackedMemo): TrackedIgnored | undefined {
  if (entries.length === 0) return undefined;
  const base = root.endsWith(path.sep) ? root : root + path.sep;
  const specs = entries.map((e) => (e.startsWith(base) ? e.slice(base.length) : e).split(path.sep).join("/"));
  // A command line has a length limit (32 K characters on Windows): many entries, the whole list.
  if (specs.length > 500 || specs.reduce((n, x) => n + x.length + 3, 0) > 24_000) return trackedIgnoredFiles(root);
  // Pathspecs taken literally (a name may hold glob characters).
  const args = ["--literal-pathspecs", "ls-files", "-z", "--cached", "--", ...specs];
  const index = memo ? indexStat(root) : undefined;
  const question = index ? [root, ...args].join("\0") : "";
  let out = index ? memo!.get(question, index) : undefined;
  out ??= gitOutput(root, args);
  if (out === undefined) return undefined;
  if (index) memo!.set(question, index, out);
  return listed(root, out);
}

/** The ignore layers that apply above a start folder, up to its repository root (.git/info/exclude too). */
export function ancestorLayers(start: string): IgnoreLayer[] {
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

/** The ignore layers inside a folder: the outer ones, plus the folder's own .gitignore when it has one. */
export function withFolderRules(entries: fs.Dirent[], dirAbs: string, startRel: string, layers: IgnoreLayer[]): IgnoreLayer[] {
  for (const e of entries) {
    if (e.name !== ".gitignore" || e.isDirectory()) continue;
    const body = readIgnoreBody(dirAbs, ".gitignore");
    return body !== undefined ? [...layers, layer(body, "", startRel ? startRel.length + 1 : 0)] : layers;
  }
  return layers;
}
