/**
 * Files git tracks although a .gitignore lists them are part of the repository: they are scanned,
 * with one note per run; untracked ignored files stay skipped; --no-ignore is unchanged; the
 * ripgrep prefilter (which applies the .gitignore rules itself) and the Node prefilter give the same
 * report. Built as a real git repository in a temp folder.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport, scan, type ApiOptions } from "../src/index.js";
import { bundledRgPath } from "../src/walk/rg.js";
import { walk } from "../src/walk/walk.js";

const NOW = "2026-11-28T12:00:00Z";
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
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "core.excludesFile=", ...args], { cwd: repo, stdio: "ignore" });

const MODEL = 'MODEL = "deepseek-chat"\n';

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-tracked-"));
  made.push(repo);
  git("init", "-q");
  write(repo, {
    "app.py": MODEL,
    // Committed first, ignored later: the folder and the pattern both list them.
    "vendor/sdk/client.py": MODEL,
    "vendor/sdk/deep/more.py": MODEL,
    "settings.local.py": MODEL,
    "notes/keep.txt": "deepseek-chat\n",
  });
  git("add", "-A");
  git("commit", "-qm", "first");
  write(repo, {
    ".gitignore": "vendor/\n*.local.py\nnotes/\n",
    // Untracked and ignored: stays skipped.
    "vendor/sdk/untracked.py": MODEL,
    "vendor/other/untracked.py": MODEL,
    "scratch.local.py": MODEL,
  });
});

afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

async function report(opts: ApiOptions, rg: boolean): Promise<{ json: string; r: Awaited<ReturnType<typeof scan>> }> {
  const before = process.env.DEEPSEEK_MIGRATE_RG;
  if (rg) delete process.env.DEEPSEEK_MIGRATE_RG;
  else process.env.DEEPSEEK_MIGRATE_RG = "0";
  try {
    const r = await scan({ now: NOW, ...opts } as ApiOptions);
    return { json: formatReport(r, "json"), r };
  } finally {
    if (before === undefined) delete process.env.DEEPSEEK_MIGRATE_RG;
    else process.env.DEEPSEEK_MIGRATE_RG = before;
  }
}

describe("tracked files under .gitignore", () => {
  it("the walk keeps tracked ignored files (marked), skips untracked ignored ones", () => {
    const w = walk({ cwd: repo, paths: ["."], gitignore: true, include: [], exclude: [] });
    expect(w.files.map((f) => f.rel)).toEqual([".gitignore", "app.py", "notes/keep.txt", "settings.local.py", "vendor/sdk/client.py", "vendor/sdk/deep/more.py"]);
    expect(w.files.filter((f) => f.tracked).map((f) => f.rel)).toEqual(["notes/keep.txt", "settings.local.py", "vendor/sdk/client.py", "vendor/sdk/deep/more.py"]);
    expect(w.trackedIgnored).toBe(4);
    // From a subfolder: the repository's list is asked at its root, paths stay relative to cwd.
    const sub = walk({ cwd: path.join(repo, "vendor"), paths: ["."], gitignore: true, include: [], exclude: [] });
    expect(sub.files.map((f) => f.rel)).toEqual(["sdk/client.py", "sdk/deep/more.py"]);
    // --exclude still leaves them out; --no-ignore walks everything, nothing marked.
    const ex = walk({ cwd: repo, paths: ["."], gitignore: true, include: [], exclude: ["vendor"] });
    expect(ex.files.map((f) => f.rel)).not.toContain("vendor/sdk/client.py");
    const all = walk({ cwd: repo, paths: ["."], gitignore: false, include: [], exclude: [] });
    expect(all.files.map((f) => f.rel)).toContain("vendor/other/untracked.py");
    expect(all.trackedIgnored).toBe(0);
  });

  it("a run reports their findings with one note; untracked ignored files have none", async () => {
    const { r } = await report({ cwd: repo }, false);
    const files = [...new Set(r.findings.map((f) => f.file))].sort();
    expect(files).toEqual(["app.py", "notes/keep.txt", "settings.local.py", "vendor/sdk/client.py", "vendor/sdk/deep/more.py"]);
    const notes = r.warnings.filter((w) => /matched \.gitignore/.test(w.message));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/^4 tracked files matched \.gitignore and were scanned/);
  });

  it.runIf(bundledRgPath() !== undefined)("ripgrep and the Node prefilter give the same report", async () => {
    for (const o of [{ cwd: repo }, { cwd: path.join(repo, "vendor") }, { cwd: repo, gitignore: false }, { cwd: repo, exclude: ["*.txt"] }] as ApiOptions[]) {
      const a = await report(o, true);
      const b = await report(o, false);
      expect(a.json).toBe(b.json);
    }
  });

  it("outside a repository nothing is asked of git and ignored files stay skipped", () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-plain-"));
    made.push(plain);
    write(plain, { ".gitignore": "gen/\n", "gen/a.py": MODEL, "b.py": MODEL });
    const w = walk({ cwd: plain, paths: ["."], gitignore: true, include: [], exclude: [] });
    expect(w.files.map((f) => f.rel)).toEqual([".gitignore", "b.py"]);
    expect(w.trackedIgnored).toBe(0);
  });
});
