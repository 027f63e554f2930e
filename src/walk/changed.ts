import { execFileSync } from "node:child_process";
import path from "node:path";
import { UsageError } from "../errors.js";

/**
 * `--changed-since REF`: the files a pull request changes (docs/speed.md, "Changed files only").
 *
 * - Changed: `git diff` between the merge base of REF and HEAD (where this branch left REF, as in
 *   `git diff REF...HEAD`) and the working tree, so commits on the branch and uncommitted edits both
 *   count, and changes REF gained since the branch left it do not.
 * - Plus untracked files that .gitignore does not ignore (`git ls-files --others --exclude-standard`).
 * - Deleted files are left out; a renamed file counts by its new path (rename detection is off, so
 *   a rename is a deletion and an addition). Submodules are left out.
 *
 * The walk still decides what a run covers (.gitignore, --include/--exclude, lockfiles, start
 * paths): it only enters folders on the way to a changed file and keeps only changed files, so the
 * findings on those files are the ones a full run reports on them.
 */
export interface ChangedSet {
  /** Absolute paths of changed files. */
  files: Set<string>;
  /** Absolute paths (ending in a separator) of untracked folders git lists whole (nested repositories): everything under them counts. */
  trees: string[];
  /** Absolute paths of every folder above a changed file or tree (the walk enters only these). */
  dirs: Set<string>;
}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 });
}

function gitMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { stderr?: string };
  if (err.code === "ENOENT") return "git was not found";
  const text = String(err.stderr ?? "").trim().split("\n").pop();
  return text || String(err.message);
}

/** The changed files of the git work tree at `cwd` since `ref` (see above); a UsageError when it cannot be asked. */
export function changedSince(cwd: string, ref: string): ChangedSet {
  if (ref === "" || ref.startsWith("-")) throw new UsageError(`--changed-since: not a git ref: ${JSON.stringify(ref)}`);
  let cdup: string;
  try {
    cdup = git(cwd, ["rev-parse", "--show-cdup"]).trim();
  } catch (e) {
    throw new UsageError(`--changed-since needs a git repository: ${gitMessage(e)}`);
  }
  const top = path.resolve(cwd, cdup);
  try {
    git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--changed-since: unknown git ref ${JSON.stringify(ref)} (in a shallow clone, fetch it first)`);
  }
  let base: string;
  try {
    base = git(top, ["merge-base", "--end-of-options", ref, "HEAD"]).trim();
  } catch (e) {
    throw new UsageError(`--changed-since: no merge base of ${JSON.stringify(ref)} and HEAD (in a shallow clone, fetch more history): ${gitMessage(e)}`);
  }
  let diff: string;
  let untracked: string;
  try {
    diff = git(top, ["-c", "core.quotePath=false", "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", "--ignore-submodules=all", "--no-ext-diff", base, "--"]);
    untracked = git(top, ["ls-files", "-z", "--others", "--exclude-standard"]);
  } catch (e) {
    throw new UsageError(`--changed-since: git diff failed: ${gitMessage(e)}`);
  }
  const set: ChangedSet = { files: new Set(), trees: [], dirs: new Set() };
  const addDirs = (abs: string) => {
    for (let d = path.dirname(abs); !set.dirs.has(d); d = path.dirname(d)) {
      set.dirs.add(d);
      if (path.dirname(d) === d) break;
    }
  };
  for (const rel of [...diff.split("\0"), ...untracked.split("\0")]) {
    if (rel === "") continue;
    const abs = path.resolve(top, rel);
    if (rel.endsWith("/")) set.trees.push(abs + path.sep);
    else set.files.add(abs);
    addDirs(abs);
  }
  return set;
}

/** Whether a folder may hold changed files (the walk enters it). */
export function changedDir(set: ChangedSet, abs: string): boolean {
  return set.dirs.has(abs) || underTree(set, abs + path.sep);
}

/** Whether a file (or a link, a special file) is changed. */
export function changedFile(set: ChangedSet, abs: string): boolean {
  return set.files.has(abs) || underTree(set, abs);
}

function underTree(set: ChangedSet, abs: string): boolean {
  for (const t of set.trees) if (abs.startsWith(t)) return true;
  return false;
}
