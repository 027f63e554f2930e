import { execFile } from "node:child_process";
import path from "node:path";
import { UsageError } from "../core/errors.js";

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
  /**
   * The changed files git tracks (those of the diff; untracked ones are not ignored, by their
   * listing) and the folders above them: among the changed files, the only ones a .gitignore can
   * list and the walk must still scan (src/walk/walk.ts), without asking git for every tracked
   * ignored file of the repository.
   */
  tracked: { files: Set<string>; dirs: Set<string> };
}

interface GitOut {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

/** Run git without waiting (the listings below run side by side). */
function git(cwd: string, args: string[]): Promise<GitOut> {
  return new Promise((resolve) => {
    const child = execFile("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30, windowsHide: true }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr, ...(error ? { error } : {}) }),
    );
    child.stdin?.end();
  });
}

function gitMessage(r: GitOut): string {
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return "git was not found";
  return r.stderr.trim().split("\n").pop() || String(r.error?.message ?? `git exited ${r.code}`);
}

const diffArgsOf = (ref: string) => ["-c", "core.quotePath=false", "-c", "diff.relative=false", "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", "--ignore-submodules=all", "--no-ext-diff", "--merge-base", "--end-of-options", ref];

/** The git listings of one `--changed-since` question, running. */
interface Listings {
  cwd: string;
  ref: string;
  top: Promise<GitOut>;
  untracked: Promise<GitOut>;
  diff: Promise<GitOut>;
  committed: Promise<GitOut>;
}

/**
 * Every listing starts at once and they run side by side (each costs a git start, and the two
 * looks at the working tree cost most): the repository's root, the untracked files (from the root,
 * ":/"), the diff from the merge base of REF and HEAD (`--merge-base`) to the working tree, and the
 * branch's commits from the trees alone (no look at the working tree: ready long before the rest,
 * so the caller can get ready for them meanwhile).
 */
function startListings(cwd: string, ref: string): Listings {
  const diffArgs = diffArgsOf(ref);
  return {
    cwd,
    ref,
    top: git(cwd, ["rev-parse", "--show-cdup"]),
    untracked: git(cwd, ["ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ":/"]),
    diff: git(cwd, [...diffArgs, "--"]),
    committed: git(cwd, [...diffArgs, "HEAD", "--"]),
  };
}

let early: Listings | undefined;

/**
 * Start git's listings before the CLI loads (src/cli/main.ts), for a command line with
 * `--changed-since REF`: they run while the modules load, and the run takes them when it asks the
 * same question in the same folder (otherwise it starts its own). Nothing is reported from here.
 */
export function startChangedEarly(cwd: string, ref: string): void {
  if (ref === "" || ref.startsWith("-")) return;
  early = startListings(cwd, ref);
  for (const p of [early.top, early.untracked, early.diff, early.committed]) void p.catch(() => {});
}

/** The changed files of the git work tree at `cwd` since `ref` (see above); a UsageError when it cannot be asked. */
export async function changedSince(cwd: string, ref: string, ready?: (files: string[]) => void): Promise<ChangedSet> {
  if (ref === "" || ref.startsWith("-")) throw new UsageError(`--changed-since: not a git ref: ${JSON.stringify(ref)}`);
  const diffArgs = diffArgsOf(ref);
  const mine = early && early.cwd === cwd && early.ref === ref ? early : startListings(cwd, ref);
  early = undefined;
  const { top: topP, untracked: untrackedP, diff: diffP, committed: committedP } = mine;
  const top = await topP;
  if (top.code !== 0) {
    await Promise.all([untrackedP, diffP, committedP]);
    throw new UsageError(`--changed-since needs a git repository: ${gitMessage(top)}`);
  }
  const root = path.resolve(cwd, top.stdout.trim());
  if (ready) {
    const committed = await committedP;
    if (committed.code === 0) ready(committed.stdout.split("\0").filter(Boolean).map((rel) => path.resolve(root, rel)));
  }
  let [diff, untracked] = await Promise.all([diffP, untrackedP]);
  if (diff.code !== 0) {
    const base = await git(root, ["merge-base", "--end-of-options", ref, "HEAD"]);
    if (base.code !== 0) {
      const known = await git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
      if (known.code !== 0) throw new UsageError(`--changed-since: unknown git ref ${JSON.stringify(ref)} (in a shallow clone, fetch it first)`);
      throw new UsageError(`--changed-since: no merge base of ${JSON.stringify(ref)} and HEAD (in a shallow clone, fetch more history)${base.stderr.trim() ? `: ${gitMessage(base)}` : ""}`);
    }
    // A git without `diff --merge-base` (before 2.30): the same diff from the merge base's commit.
    diff = await git(root, [...diffArgs.slice(0, -3), base.stdout.trim(), "--"]);
  }
  for (const r of [diff, untracked]) if (r.code !== 0) throw new UsageError(`--changed-since: git failed: ${gitMessage(r)}`);
  const set: ChangedSet = { files: new Set(), trees: [], dirs: new Set(), tracked: { files: new Set(), dirs: new Set() } };
  const addDirs = (abs: string, dirs: Set<string>) => {
    for (let d = path.dirname(abs); !dirs.has(d); d = path.dirname(d)) {
      dirs.add(d);
      if (path.dirname(d) === d) break;
    }
  };
  const add = (rel: string, isTracked: boolean) => {
    if (rel === "") return;
    const abs = path.resolve(root, rel);
    if (rel.endsWith("/")) set.trees.push(abs + path.sep);
    else set.files.add(abs);
    addDirs(abs, set.dirs);
    if (isTracked) {
      set.tracked.files.add(abs);
      addDirs(abs, set.tracked.dirs);
    }
  };
  for (const rel of diff.stdout.split("\0")) add(rel, true);
  for (const rel of untracked.stdout.split("\0")) add(rel, false);
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
