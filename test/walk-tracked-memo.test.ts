/**
 * A `--cache` run keeps git's answer about the tracked files under the ignored entries its walk met,
 * keyed by the index file's stat: the next run over an unchanged index takes the answer without
 * starting git, and any change to the index (git rewrites it through a new file) asks git again.
 * A real repository in a temp folder; git's starts are counted by a `git` first on PATH.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { loadCache, saveCache, trackedMemo, type LoadedCache } from "../src/core/cache.js";
import { walk } from "../src/walk/walk.js";

const made: string[] = [];
let repo: string;
let log: string;
const PATH = process.env.PATH;

const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "core.excludesFile=", ...args], { cwd: repo, stdio: "ignore" });

function write(files: Record<string, string>): void {
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), body);
  }
}

/** The `ls-files` questions git was asked since the last call. */
function asked(): string[] {
  const lines = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter((l) => l.includes("ls-files")) : [];
  fs.rmSync(log, { force: true });
  return lines;
}

function walked(memo: ReturnType<typeof trackedMemo> | undefined): string[] {
  const w = walk({ cwd: repo, paths: ["."], gitignore: true, include: [], exclude: [], ...(memo ? { trackedMemo: memo } : {}) });
  return w.files.map((f) => f.rel + (f.tracked ? " (tracked)" : ""));
}

/** The answers this run recorded become the next run's. */
function nextRun(c: LoadedCache): void {
  c.tracked.old = c.tracked.now;
  c.tracked.now = new Map();
}

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-tracked-memo-"));
  made.push(dir);
  repo = path.join(dir, "repo");
  const bin = path.join(dir, "bin");
  log = path.join(dir, "git.log");
  fs.mkdirSync(repo);
  fs.mkdirSync(bin);
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  fs.writeFileSync(path.join(bin, "git"), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  git("init", "-q");
  write({ "app.py": "x = 1\n", ".gitignore": "build/\n", "build/keep.py": "y = 2\n", "build/other.py": "z = 3\n" });
  git("add", "app.py", ".gitignore");
  git("add", "-f", "build/keep.py");
  git("commit", "-qm", "first");
  process.env.PATH = `${bin}${path.delimiter}${PATH}`;
});

afterEach(() => {
  delete process.env.GIT_INDEX_FILE;
});

afterAll(() => {
  process.env.PATH = PATH;
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

describe("git's answer about tracked ignored files, kept by the cache", () => {
  it("an unchanged index is answered from the memo; a changed one asks git again; the files are the same", () => {
    const cache = loadCache(path.join(repo, "..", "no-cache-yet"), "k");
    // (A run start well after the index was written: it is old enough to vouch for.)
    const memo = trackedMemo(cache, Date.now() + 60_000);
    const plain = walked(undefined);
    expect(plain).toEqual([".gitignore", "app.py", "build/keep.py (tracked)"]);
    asked();

    expect(walked(memo)).toEqual(plain);
    expect(asked()).toHaveLength(1);
    expect(cache.tracked.now.size).toBe(1);

    nextRun(cache);
    expect(walked(memo)).toEqual(plain);
    expect(asked()).toEqual([]);
    // Kept for the run after.
    expect([...cache.tracked.now]).toEqual([...cache.tracked.old]);

    // Another file tracked: git rewrites the index, the key changes, git is asked.
    git("add", "-f", "build/other.py");
    try {
      nextRun(cache);
      expect(walked(memo)).toEqual([...plain, "build/other.py (tracked)"]);
      expect(asked()).toHaveLength(1);
    } finally {
      // (The repository as the other tests expect it, whatever order they run in.)
      git("rm", "-q", "--cached", "build/other.py");
    }
  });

  it("an index written within RACY_MS of the run's start, or another index named by GIT_INDEX_FILE, is not vouched for", () => {
    const cache = loadCache(path.join(repo, "..", "no-cache-yet"), "k");
    write({ "build/third.py": "w = 4\n" });
    git("add", "-f", "build/third.py");
    onTestFinished(() => {
      git("rm", "-q", "--cached", "build/third.py");
      fs.rmSync(path.join(repo, "build", "third.py"));
    });
    const fresh = trackedMemo(cache, Date.now());
    walked(fresh);
    expect(cache.tracked.now.size).toBe(0);

    const old = trackedMemo(cache, Date.now() + 60_000);
    walked(old);
    nextRun(cache);
    asked();
    process.env.GIT_INDEX_FILE = path.join(repo, ".git", "index");
    walked(old);
    expect(asked()).toHaveLength(1);
    expect(cache.tracked.now.size).toBe(0);
  });

  it("the answers are written with the cache and read back; an unchanged cache is not rewritten", () => {
    const file = path.join(repo, "..", "cache-file");
    const first = loadCache(file, "k");
    first.tracked.now.set("key\0question", "build/keep.py\0");
    expect(saveCache(first, "0.0.0", { entries: new Map(), clean: "" }, () => true)).toBeUndefined();
    const second = loadCache(file, "k");
    expect([...second.tracked.old]).toEqual([["key\0question", "build/keep.py\0"]]);
    second.tracked.now.set("key\0question", "build/keep.py\0");
    const before = fs.statSync(file).mtimeMs;
    fs.utimesSync(file, new Date(before - 10_000), new Date(before - 10_000));
    const touched = fs.statSync(file).mtimeMs;
    expect(saveCache(second, "0.0.0", { entries: new Map(), clean: "" }, () => true)).toBeUndefined();
    expect(fs.statSync(file).mtimeMs).toBe(touched);
    // Another key: none of the old answers is taken.
    expect(loadCache(file, "other").tracked.old.size).toBe(0);
  });
});
