/**
 * The walk asks git about tracked ignored files only for the ignored entries it met (one
 * `git ls-files` with those paths, after the start folder is walked), instead of listing every
 * tracked ignored file of the repository first. Both must give the same walk: the same files, notes,
 * counts and, while streaming, the same files in the sorted order once the late ones are placed.
 * Compared on a real git repository with tracked ignored files at several depths.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../src/index.js";
import { walk, type WalkEntry, type WalkOptions } from "../src/walk/walk.js";

const made: string[] = [];
let repo: string;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, body] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, body);
  }
}

const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "core.excludesFile=", "-c", "commit.gpgsign=false", ...args], { cwd: repo, stdio: "ignore" });

const MODEL = 'MODEL = "deepseek-chat"\n';

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-tracked-late-"));
  made.push(repo);
  git("init", "-q");
  write(repo, {
    "a.py": MODEL,
    "b/vendor/lib.py": MODEL,
    "b/vendor/deep/x/y.py": MODEL,
    "b/z.py": MODEL,
    "c/build/out.py": MODEL,
    "c/keep.local.py": MODEL,
    "d [x]/gen/k*.py": MODEL, // glob characters in a path: taken literally
    "e/dist/one.py": MODEL,
    "node_modules/pkg/index.py": MODEL, // always skipped, tracked or not
    "zz/last.py": MODEL,
  });
  git("add", "-A");
  git("commit", "-qm", "first");
  write(repo, {
    ".gitignore": "vendor/\n*.local.py\ndist/\n/zz\n",
    "c/.gitignore": "build/\n",
    "d [x]/.gitignore": "gen/\n",
    // Untracked and ignored: stays skipped.
    "b/vendor/new.py": MODEL,
    "c/build/untracked.py": MODEL,
    "c/scratch.local.py": MODEL,
    "f/dist/nothing-tracked.py": MODEL,
    "zz/untracked.py": MODEL,
  });
  // Links inside an ignored folder that holds a tracked file: noted where the walk meets them.
  fs.symlinkSync("lib.py", path.join(repo, "b/vendor/link.py"));
  fs.symlinkSync("../a.py", path.join(repo, "c/link-a.py"));
});

afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function both(opts: Partial<WalkOptions>) {
  const run = (eagerTracked: boolean) => {
    const streamed: WalkEntry[] = [];
    const r = walk({ cwd: repo, paths: ["."], gitignore: true, include: [], exclude: [], onFile: (e) => streamed.push(e), ...opts, eagerTracked });
    const { lateFiles, ...rest } = r;
    // A late file arrives after the others: in the sorted order once placed (what the run does).
    const order = lateFiles ? [...streamed].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)) : streamed;
    return { ...rest, streamed: order, lateFiles: !!lateFiles };
  };
  return { eager: run(true), late: run(false) };
}

describe("tracked ignored files: asked about the ignored entries met, or listed first", () => {
  it("the same walk from the root, a subfolder, several start paths, with --exclude and --include", () => {
    const cases: Partial<WalkOptions>[] = [
      {},
      { paths: ["b"] },
      { paths: ["c", "b/vendor", "a.py"] },
      { exclude: ["deep"] },
      { include: ["**/*.py"], exclude: ["b/vendor/lib.py"] },
      { paths: ["d [x]"] },
      { keepFiles: false },
    ];
    for (const c of cases) {
      const { eager, late } = both(c);
      const { lateFiles, ...lateRest } = late;
      const { lateFiles: _e, ...eagerRest } = eager;
      expect(lateRest, JSON.stringify(c)).toEqual(eagerRest);
      expect(_e).toBe(false);
      if (c.paths === undefined && c.keepFiles === undefined && !c.exclude) expect(lateFiles).toBe(true);
    }
    const { late } = both({});
    expect(late.files.map((f) => f.rel).filter((f) => !f.endsWith(".gitignore"))).toEqual([
      "a.py",
      "b/vendor/deep/x/y.py",
      "b/vendor/lib.py",
      "b/z.py",
      "c/build/out.py",
      "c/keep.local.py",
      "d [x]/gen/k*.py",
      "e/dist/one.py",
      "zz/last.py",
    ]);
    expect(late.trackedIgnored).toBe(7);
    expect(late.skipped.map((s) => s.file)).toEqual(["b/vendor/link.py", "c/link-a.py"]);
  });

  it("a run reports the same either way, with and without ripgrep", async () => {
    const opts = { cwd: repo, now: new Date("2026-11-28T12:00:00Z") };
    const a = await scan(opts);
    const prev = process.env.DEEPSEEK_MIGRATE_RG;
    process.env.DEEPSEEK_MIGRATE_RG = "0";
    try {
      const b = await scan(opts);
      expect(b.findings).toEqual(a.findings);
      expect(b.warnings).toEqual(a.warnings);
    } finally {
      if (prev === undefined) delete process.env.DEEPSEEK_MIGRATE_RG;
      else process.env.DEEPSEEK_MIGRATE_RG = prev;
    }
    expect([...new Set(a.findings.map((f) => f.file))]).toEqual([
      "a.py",
      "b/vendor/deep/x/y.py",
      "b/vendor/lib.py",
      "b/z.py",
      "c/build/out.py",
      "c/keep.local.py",
      "d [x]/gen/k*.py",
      "e/dist/one.py",
      "zz/last.py",
    ]);
  });

  it("no ignored entry met, no tracked one among them: git is not needed, nothing is late", () => {
    const { eager, late } = both({ paths: ["f"] });
    expect(late.lateFiles).toBe(false);
    expect(late.files).toEqual(eager.files);
    expect(late.files).toEqual([]);
  });
});
