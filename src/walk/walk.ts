import fs from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { UsageError } from "../errors.js";

/** Folders never entered (SPEC §7). */
export const ALWAYS_SKIPPED_DIRS = new Set([".git", "node_modules", ".ipynb_checkpoints", ".history"]);
/** Files never touched (SPEC §8). */
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
]);

export interface WalkOptions {
  cwd: string;
  /** Files or folders, relative to cwd or absolute. Default ["."]. */
  paths: string[];
  /** Respect .gitignore files (default true; --no-ignore turns it off). */
  gitignore: boolean;
  include: string[];
  exclude: string[];
}

export interface WalkEntry {
  abs: string;
  /** Relative to cwd, with / separators. */
  rel: string;
}

export interface WalkResult {
  files: WalkEntry[];
  /** Entries passed over with a reason (symlinks, special files); reported, not fatal. */
  skipped: { file: string; reason: string }[];
}

export function toRel(cwd: string, abs: string): string {
  const r = path.relative(cwd, abs);
  return (r === "" ? "." : r).split(path.sep).join("/");
}

/** A glob matcher: a pattern without "/" matches a name at any depth, like .gitignore. */
function globMatcher(patterns: string[]): ((rel: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  const fns = patterns.map((p) => {
    const clean = p.replace(/^\.\//, "").replace(/\/$/, "");
    const m = picomatch(clean, { dot: true });
    if (clean.includes("/")) return (rel: string) => m(rel);
    return (rel: string) => m(rel.slice(rel.lastIndexOf("/") + 1)) || m(rel);
  });
  return (rel) => fns.some((f) => f(rel));
}

interface IgnoreLayer {
  dir: string;
  ig: Ignore;
}

function readIgnoreFile(dir: string, name: string): Ignore | undefined {
  let body: string;
  try {
    body = fs.readFileSync(path.join(dir, name), "utf8");
  } catch {
    return undefined;
  }
  return ignore().add(body);
}

function isIgnored(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const l of layers) {
    const rel = path.relative(l.dir, abs).split(path.sep).join("/");
    if (!rel || rel.startsWith("..")) continue;
    if (l.ig.ignores(isDir ? rel + "/" : rel)) return true;
  }
  return false;
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
  const layers: IgnoreLayer[] = [];
  const info = readIgnoreFile(path.join(dir, ".git", "info"), "exclude");
  if (info) layers.push({ dir, ig: info });
  for (const d of above) {
    const ig = readIgnoreFile(d, ".gitignore");
    if (ig) layers.push({ dir: d, ig });
  }
  return layers;
}

/**
 * Find the files to scan (SPEC §7): .gitignore respected, always-skipped folders and lockfiles
 * passed over, symbolic links never followed, special files skipped, --include/--exclude applied.
 * Files named explicitly are scanned even when ignored (except lockfiles and excludes).
 * The result is sorted by relative path, so every run reports in the same order.
 */
export function walk(opts: WalkOptions): WalkResult {
  const include = globMatcher(opts.include);
  const exclude = globMatcher(opts.exclude);
  const files = new Map<string, WalkEntry>();
  const skipped: WalkResult["skipped"] = [];
  const paths = opts.paths.length ? opts.paths : ["."];

  const addFile = (abs: string) => {
    const rel = toRel(opts.cwd, abs);
    const base = path.basename(abs);
    if (LOCKFILES.has(base)) return;
    if (exclude?.(rel)) return;
    if (include && !include(rel)) return;
    files.set(abs, { abs, rel });
  };

  const visit = (dir: string, layers: IgnoreLayer[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ file: toRel(opts.cwd, dir), reason: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? e}` });
      return;
    }
    let here = layers;
    if (opts.gitignore && entries.some((e) => e.name === ".gitignore" && !e.isDirectory())) {
      const ig = readIgnoreFile(dir, ".gitignore");
      if (ig) here = [...layers, { dir, ig }];
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(e.name)) continue;
        if (opts.gitignore && isIgnored(here, abs, true)) continue;
        if (exclude?.(toRel(opts.cwd, abs))) continue;
        visit(abs, here);
      } else if (e.isFile()) {
        if (opts.gitignore && isIgnored(here, abs, false)) continue;
        addFile(abs);
      } else if (e.isSymbolicLink()) {
        skipped.push({ file: toRel(opts.cwd, abs), reason: "symbolic link (not followed)" });
      }
      // FIFOs, sockets and devices are passed over silently.
    }
  };

  for (const p of paths) {
    const abs = path.resolve(opts.cwd, p);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      throw new UsageError(`path does not exist: ${p}`);
    }
    if (st.isSymbolicLink()) {
      skipped.push({ file: toRel(opts.cwd, abs), reason: "symbolic link (not followed)" });
    } else if (st.isDirectory()) {
      visit(abs, opts.gitignore ? ancestorLayers(abs) : []);
    } else if (st.isFile()) {
      addFile(abs);
    } else {
      skipped.push({ file: toRel(opts.cwd, abs), reason: "not a regular file" });
    }
  }
  const list = [...files.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files: list, skipped };
}
