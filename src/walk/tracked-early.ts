/**
 * The early listing of the files git tracks although its ignore rules list them
 * (`git ls-files -ci --exclude-standard`, what src/walk/ignore-rules.ts asks). Most repositories
 * have ignored entries the walk meets (node_modules, build output), so a run asks git this once it
 * has walked, and waited for git's start (about 20 ms) on every run. The entry (src/cli/main.ts)
 * starts the listing before the CLI loads, beside everything else it starts
 * (src/walk/rg-process.ts `startEarly`); the walk takes its answer when it asks about the same
 * repository and the listing has ended by then, else it stops it and asks as before. The answer is
 * git's either way: the whole repository's list is what the walk's own question is a part of.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { Socket } from "node:net";
import path from "node:path";

/** The repository root at or above a folder (the folder with a `.git` entry), or undefined outside one. */
export function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; ) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** git's arguments for the whole repository's tracked ignored files. */
export const TRACKED_IGNORED_ARGS = ["ls-files", "-ci", "--exclude-standard", "-z"];

interface Listing {
  root: string;
  child: ChildProcess;
  chunks: Buffer[];
  /** Set once git has ended: its output, or null when it failed. */
  out?: string | null;
}

let early: Listing | undefined;

/** Start the listing of the repository at `root` (nothing is reported from here). */
export function startTrackedEarly(root: string): void {
  let child: ChildProcess;
  try {
    child = spawn("git", ["-C", root, ...TRACKED_IGNORED_ARGS], { stdio: ["ignore", "pipe", "ignore"], windowsHide: true });
  } catch {
    return;
  }
  const listing: Listing = { root, child, chunks: [] };
  child.stdout?.on("data", (b: Buffer) => listing.chunks.push(b));
  child.on("error", () => (listing.out = null));
  child.on("close", (code) => (listing.out ??= code === 0 ? Buffer.concat(listing.chunks).toString("utf8") : null));
  // It never keeps the process alive, and is stopped if no walk took it.
  (child.stdout as Socket | null)?.unref();
  child.unref();
  process.once("exit", dropTrackedEarly);
  early = listing;
}

/**
 * The early listing's output for the repository at `root` if it has ended well; undefined
 * otherwise (none was started, another repository, still running, failed), and then it is
 * stopped. Either way there is no early listing afterwards.
 */
export function takeTrackedEarly(root: string): string | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  if (e.root === root && typeof e.out === "string") return e.out;
  if (e.out === undefined) e.child.kill();
  return undefined;
}

/** Stop an early listing no walk took. */
export function dropTrackedEarly(): void {
  if (early?.out === undefined) early?.child.kill();
  early = undefined;
}
