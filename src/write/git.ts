import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Git could not say whether a work tree has uncommitted changes: `--write` must not guess. */
export class GitCheckError extends Error {
  override name = "GitCheckError";
}

/** The nearest folder at or above `dir` that holds a `.git` entry (folder, or file for worktrees and submodules). */
function findWorkTree(dir: string, cache: Map<string, string | null>): string | null {
  const seen: string[] = [];
  let d = dir;
  let root: string | null = null;
  for (;;) {
    const hit = cache.get(d);
    if (hit !== undefined) {
      root = hit;
      break;
    }
    seen.push(d);
    if (fs.existsSync(path.join(d, ".git"))) {
      root = d;
      break;
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const s of seen) cache.set(s, root);
  return root;
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * The files among `files` (absolute paths) that have uncommitted changes in their git work tree
 * (docs/contract.md §7), asked of git itself: one `git status --porcelain -z` per work tree.
 * Modified, staged, deleted, renamed, conflicted and untracked files all count: the content of an
 * untracked file is not committed anywhere, so git could not give it back either. Ignored files do
 * not count (git keeps nothing of them, and a file named explicitly or walked with --no-ignore was
 * asked for). Files outside any work tree are never dirty. When a work tree exists but git cannot
 * be asked (git missing, a repository git refuses to read for its owner's safety), GitCheckError is
 * thrown.
 */
export function dirtyFiles(files: string[]): string[] {
  const cache = new Map<string, string | null>();
  const byRoot = new Map<string, string[]>();
  for (const f of files) {
    const root = findWorkTree(path.dirname(f), cache);
    if (!root) continue;
    let list = byRoot.get(root);
    if (!list) byRoot.set(root, (list = []));
    list.push(f);
  }
  const dirty: string[] = [];
  for (const [root, list] of byRoot) {
    let out: string;
    try {
      out = execFileSync("git", ["status", "--porcelain", "-z", "--untracked-files=normal"], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 1024 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: Buffer | string };
      const why =
        err.code === "ENOENT"
          ? "git is not installed"
          : (String(err.stderr ?? "").trim().split("\n")[0] || err.message).replace(/^fatal: /, "");
      throw new GitCheckError(`cannot ask git about uncommitted changes in ${root}: ${why}`);
    }
    const realRoot = realpathOr(root);
    const changed = new Set<string>();
    /** Untracked folders, listed by git as "dir/": every file under them is untracked. */
    const changedDirs: string[] = [];
    const parts = out.split("\0");
    for (let i = 0; i < parts.length; i++) {
      const entry = parts[i]!;
      if (entry.length < 4) continue;
      const status = entry.slice(0, 2);
      const rel = entry.slice(3);
      const abs = path.resolve(realRoot, rel);
      if (rel.endsWith("/")) changedDirs.push(abs + path.sep);
      else changed.add(abs);
      if (status[0] === "R" || status[0] === "C") i++; // the rename's source follows
    }
    for (const f of list) {
      const real = path.join(realpathOr(path.dirname(f)), path.basename(f));
      if (changed.has(real) || changed.has(f) || changedDirs.some((d) => real.startsWith(d) || f.startsWith(d))) dirty.push(f);
    }
  }
  return dirty;
}
