/**
 * ripgrep as the prefilter (src/walk/rg.ts): for every option combination, the JSON report of a
 * run with ripgrep equals the report of a run with the Node prefilter alone (DEEPSEEK_MIGRATE_RG=0),
 * on trees made to trip it up; ripgrep really ran (no silent fallback); and a ripgrep that fails
 * falls back without changing the result.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport, scan, type ApiOptions } from "../src/index.js";
import { defaultRules } from "../src/rules/defaults.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { absOf, bundledRgPath, relFinder, rgArgs, scanWithRg, startRg } from "../src/walk/rg.js";
import { BIN } from "./helpers/cli.js";
import { earlyRun } from "../src/walk/rg-process.js";
import { walk, type WalkEntry } from "../src/walk/walk.js";
import type { FileResult } from "../src/core/types.js";

const NOW = "2026-11-28T12:00:00Z";
const NEEDLES = makeRuleset(defaultRules("flash")).needles;
const made: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-rg-"));
  made.push(d);
  return d;
}

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, body] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, body);
  }
}

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["init", "-q", ...args], { cwd, stdio: "ignore" });

/**
 * A repository (inside a parent folder with its own .gitignore that must NOT apply: it is above the
 * repository root) with .gitignore files at several levels, negations, a nested repository, hidden
 * files, env files, lockfiles, symbolic links, a FIFO, binary and UTF-16 files, files over a small
 * size limit, and a leftover temporary file of an interrupted --write.
 */
let outer: string;
let repo: string;
let plain: string;

beforeAll(() => {
  outer = tempDir();
  write(outer, { ".gitignore": "*.py\n" }); // above the repository: never applies
  repo = path.join(outer, "repo");
  fs.mkdirSync(repo);
  git(repo);
  write(repo, {
    ".gitignore": "build/\n*.log\n/top-only.ts\n!keep.log\nsecret*\n**/gen/**\n",
    ".git/info/exclude": "*.excluded.ts\n",
    "app.py": 'client.chat.completions.create(model="deepseek-chat", messages=[])\n',
    "top-only.ts": 'export const MODEL = "deepseek-chat";\n',
    "sub/top-only.ts": 'export const MODEL = "deepseek-chat";\n',
    "a.excluded.ts": 'export const MODEL = "deepseek-chat";\n',
    "build/out.js": 'const model = "deepseek-chat";\n',
    "x.log": "deepseek-chat\n",
    "keep.log": "deepseek-chat\n",
    "secret.env": "MODEL=deepseek-chat\n",
    "src/gen/a.ts": 'export const MODEL = "deepseek-chat";\n',
    "src/.gitignore": "local.ts\n!kept.ts\n",
    "src/local.ts": 'export const MODEL = "deepseek-chat";\n',
    "src/kept.ts": 'export const MODEL = "deepseek-reasoner";\n',
    "src/deep/.gitignore": "*.yaml\n",
    "src/deep/conf.yaml": "model: deepseek-chat\n",
    "src/deep/conf.yml": "model: deepseek-chat\n",
    "src/clean.ts": "export const x = 1;\n",
    "src/near.ts": 'export const x = "deepseek-chat-v3-0324"; // deepseek\n',
    ".hidden/cfg.json": '{"model": "deepseek-reasoner"}\n',
    ".env": "CHAT_MODEL=deepseek-chat\n",
    ".env.local": "OTHER=deepseek-reasoner\n",
    "package-lock.json": '{"x": "deepseek-chat"}\n',
    "yarn.lock": "deepseek-chat\n",
    "node_modules/m/index.js": 'const model = "deepseek-chat";\n',
    ".history/a.py": 'model = "deepseek-chat"\n',
    "nb/.ipynb_checkpoints/a.ipynb": "{}",
    "bin.dat": Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(" deepseek-chat ")]),
    "late-nul.txt": Buffer.concat([Buffer.from("model: deepseek-chat\n"), Buffer.alloc(9000, 0x61), Buffer.from([0])]),
    "u16le.py": utf16le('model = "deepseek-chat"\n'),
    "u16be.ts": utf16be('export const MODEL = "deepseek-reasoner";\n'),
    "u16clean.py": utf16le("x = 1\n"),
    "big.ts": `export const MODEL = "deepseek-chat";\n${"// filler\n".repeat(400)}`,
    "big-clean.txt": "x".repeat(5000),
    "docs/readme.md": "Use deepseek-chat.\n",
    "vendor/lib.py": 'model = "deepseek-chat"\n',
    "vendor/sub/x.ts": 'export const MODEL = "deepseek-chat";\n',
    "src/app.ts.deepseek-migrate-123-abc.tmp": "left over\n",
    // A nested repository: the outer rules and its own .gitignore both apply in the walker.
    "nested/.gitignore": "ignored-here.ts\n",
    "nested/ignored-here.ts": 'export const MODEL = "deepseek-chat";\n',
    "nested/x.log": "deepseek-chat\n",
    "nested/inner.excluded.ts": 'export const MODEL = "deepseek-chat";\n',
    "nested/ok.ts": 'export const MODEL = "deepseek-chat";\n',
    "nested/.git/info/exclude": "ok.ts\n",
  });
  fs.writeFileSync(path.join(repo, "nested/.git/HEAD"), "ref: refs/heads/main\n");
  const elsewhere = tempDir();
  write(elsewhere, { "linked.ts": 'export const MODEL = "deepseek-chat";\n' });
  fs.symlinkSync(path.join(elsewhere, "linked.ts"), path.join(repo, "link.ts"));
  fs.symlinkSync(elsewhere, path.join(repo, "link-dir"));
  try {
    execFileSync("mkfifo", [path.join(repo, "pipe.txt")]);
  } catch {
    /* no mkfifo: the rest still runs */
  }
  // A tree outside any repository, under a folder whose .gitignore must not apply.
  const above = tempDir();
  write(above, { ".gitignore": "*.ts\n" });
  plain = path.join(above, "plain");
  write(plain, {
    ".gitignore": "skip/\n",
    "a.ts": 'export const MODEL = "deepseek-chat";\n',
    "skip/b.ts": 'export const MODEL = "deepseek-chat";\n',
    "c/d.py": 'model = "deepseek-reasoner"\n',
  });
});

afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

async function report(opts: ApiOptions, rg: boolean): Promise<string> {
  const before = process.env.DEEPSEEK_MIGRATE_RG;
  if (rg) delete process.env.DEEPSEEK_MIGRATE_RG;
  else process.env.DEEPSEEK_MIGRATE_RG = "0";
  try {
    const r = await scan({ now: NOW, ...opts } as ApiOptions);
    return formatReport(r, "json");
  } finally {
    if (before === undefined) delete process.env.DEEPSEEK_MIGRATE_RG;
    else process.env.DEEPSEEK_MIGRATE_RG = before;
  }
}

const hasRg = bundledRgPath() !== undefined;

describe.runIf(hasRg)("ripgrep prefilter: same report as the Node prefilter", () => {
  const cases: [string, () => ApiOptions][] = [
    ["defaults", () => ({ cwd: repo })],
    ["small size limit", () => ({ cwd: repo, maxFileSize: 2000 })],
    ["--no-ignore", () => ({ cwd: repo, gitignore: false })],
    ["--no-ignore and a size limit", () => ({ cwd: repo, gitignore: false, maxFileSize: 2000 })],
    ["--include *.ts", () => ({ cwd: repo, include: ["*.ts"] })],
    ["--exclude vendor --exclude *.md", () => ({ cwd: repo, exclude: ["vendor", "*.md"] })],
    ["--include src/** --exclude **/deep/**", () => ({ cwd: repo, include: ["src/**"], exclude: ["**/deep/**"] })],
    ["a subfolder (parent rules apply)", () => ({ cwd: repo, paths: ["src"] })],
    ["cwd in a subfolder, path ..", () => ({ cwd: path.join(repo, "src"), paths: [".."] })],
    ["explicit files, ignored ones too, and a folder", () => ({ cwd: repo, paths: ["x.log", "app.py", "build/out.js", "src"] })],
    ["overlapping start paths", () => ({ cwd: repo, paths: [".", "src", "src/kept.ts"] })],
    ["shard 1/3", () => ({ cwd: repo, shard: "1/3" })],
    ["shard 3/3", () => ({ cwd: repo, shard: "3/3" })],
    ["unsafe fixes, pro target", () => ({ cwd: repo, unsafeFixes: true, reasonerTarget: "pro" })],
    ["outside a repository", () => ({ cwd: plain })],
    ["outside a repository, --no-ignore", () => ({ cwd: plain, gitignore: false })],
    ["a nested repository as the start", () => ({ cwd: path.join(repo, "nested") })],
  ];
  it.each(cases)("%s", async (_name, opts) => {
    const o = opts();
    const withRg = await report(o, true);
    const withNode = await report(o, false);
    expect(JSON.parse(withRg)).toEqual(JSON.parse(withNode));
    expect(withRg).toBe(withNode);
  });

  it("the report is not trivially empty: findings, binary, UTF-16, oversized, symlinks, leftovers", async () => {
    const r = JSON.parse(await report({ cwd: repo, maxFileSize: 2000 }, true));
    const files = new Set(r.findings.map((f: { file: string }) => f.file));
    for (const f of ["app.py", "u16le.py", "u16be.ts", ".env", ".hidden/cfg.json", "keep.log", "nested/ok.ts", "src/kept.ts"]) expect(files).toContain(f);
    for (const f of ["x.log", "build/out.js", "package-lock.json", "node_modules/m/index.js", "src/local.ts", "src/gen/a.ts", "a.excluded.ts", "nested/x.log", "top-only.ts"])
      expect(files).not.toContain(f);
    expect(files).toContain("sub/top-only.ts");
    const notes = JSON.stringify(r);
    expect(notes).toMatch(/bin\.dat/);
    expect(notes).toMatch(/big\.ts/);
    expect(notes).toMatch(/big-clean\.txt/);
    expect(notes).toMatch(/link\.ts/);
    const all = JSON.parse(await report({ cwd: repo }, true));
    expect(all.findings.map((f: { file: string }) => f.file)).toContain("late-nul.txt");
  });

  it("ripgrep really runs (no fallback) for each kind of start, and names only files with a needle", async () => {
    for (const [cwd, paths, gitignore] of [
      [repo, ["."], true],
      [repo, ["src"], true],
      [plain, ["."], true],
      [repo, ["."], false],
    ] as const) {
      const entries = walk({ cwd, paths: [...paths], gitignore, include: [], exclude: [] }).files;
      const rg = startRg({ cwd, paths: [...paths], needles: NEEDLES, gitignore, maxFileSize: 2000 })!;
      expect(rg).toBeDefined();
      const scanned: string[] = [];
      const out = await scanWithRg(entries.map((e) => e.rel), rg, one(scanned), clean(scanned));
      expect(out.fellBack).toBeUndefined();
      // Results come back for the files scanned (and only those), in the walk's order.
      expect(out.results.map((f) => f.file)).toEqual(entries.map((e) => e.rel).filter((r) => scanned.includes(r)));
      expect(new Set(scanned).size).toBe(scanned.length);
      // Clean files were never opened again.
      expect(scanned).not.toContain("src/clean.ts");
      expect(scanned.length).toBeLessThan(entries.length);
    }
  });
});

/** Scanners that record what they are given and return clean results. */
function one(names: string[]) {
  return async (e: WalkEntry): Promise<FileResult> => {
    names.push(e.rel);
    return { file: e.rel, absPath: e.abs, status: "ok" as const, findings: [], warnings: [] };
  };
}
function clean(names: string[]) {
  return async (es: WalkEntry[]): Promise<FileResult[]> => {
    names.push(...es.map((e) => e.rel));
    return es.map((e) => ({ file: e.rel, absPath: e.abs, status: "ok" as const, findings: [], warnings: [] }));
  };
}

describe("relFinder: a path ripgrep names → the walked file", () => {
  const cwd = path.resolve("/repo");
  const rels = ["a-b.ts", "a.txt", "a/x.ts", "a/y/z.py", "b.md", "../outside/c.ts"].sort();

  it("finds every walked file by its absolute path, and nothing for a file the walk did not keep", () => {
    const find = relFinder(rels, cwd);
    rels.forEach((r, i) => expect(find(path.resolve(cwd, r))).toBe(i));
    expect(find(path.resolve(cwd, "a/ignored.ts"))).toBeUndefined();
    expect(find(path.resolve(cwd, "zzz"))).toBeUndefined();
    // Hidden files and names with dots are found by the short way too.
    expect(find(path.resolve(cwd, "a.txt"))).toBe(rels.indexOf("a.txt"));
  });

  it("absOf spells a path as path.resolve does; a folder given unnormalized still finds every file", () => {
    for (const rel of rels) expect(absOf(cwd, rel)).toBe(path.resolve(cwd, rel));
    expect(absOf(cwd + path.sep, "a/x.ts")).toBe(path.resolve(cwd, "a/x.ts"));
    const find = relFinder(rels, path.join(cwd, "a") + "/../.");
    rels.forEach((r, i) => expect(find(path.resolve(cwd, r))).toBe(i));
  });

  it("still finds a file the binary search cannot reach (paths out of order)", () => {
    const shuffled = [rels[3]!, rels[0]!, rels[5]!, rels[1]!, rels[4]!, rels[2]!];
    const find = relFinder(shuffled, cwd);
    shuffled.forEach((r, i) => expect(find(path.resolve(cwd, r))).toBe(i));
  });

  it("covers only what lies under ripgrep's start folders, by relative path", () => {
    const dir = tempDir();
    write(dir, { "src/a.ts": "", "b.ts": "" });
    const rg = startRg({ cwd: dir, paths: ["src", "b.ts"], needles: NEEDLES, gitignore: true, maxFileSize: 1 << 20 })!;
    expect(rg.coversRel("src/a.ts")).toBe(true);
    expect(rg.coversRel("b.ts")).toBe(false);
    expect(rg.coversRel("srcx/a.ts")).toBe(false);
    rg.kill();
    const all = startRg({ cwd: path.join(dir, "src"), paths: [".", ".."], needles: NEEDLES, gitignore: true, maxFileSize: 1 << 20 })!;
    expect(all.coversRel("a.ts")).toBe(true);
    expect(all.coversRel("../b.ts")).toBe(true);
    all.kill();
    const here = startRg({ cwd: path.join(dir, "src"), paths: ["."], needles: NEEDLES, gitignore: true, maxFileSize: 1 << 20 })!;
    expect(here.coversRel("a.ts")).toBe(true);
    expect(here.coversRel("../b.ts")).toBe(false);
    here.kill();
  });
});

describe("ripgrep failures fall back to the Node prefilter", () => {
  it("a missing binary, an exit code 2 and an error message each fall back with the same results", async () => {
    const dir = tempDir();
    write(dir, { "a.ts": 'export const MODEL = "deepseek-chat";\n', "b.txt": "nothing\n" });
    const fake = path.join(dir, "fake-rg.sh");
    fs.writeFileSync(fake, '#!/bin/sh\necho "rg: ./x: Permission denied (os error 13)" >&2\nexit 2\n', { mode: 0o755 });
    const chatty = path.join(dir, "chatty-rg.sh");
    fs.writeFileSync(chatty, '#!/bin/sh\necho "rg: ./x: Permission denied (os error 13)" >&2\nexit 1\n', { mode: 0o755 });
    const entries = walk({ cwd: dir, paths: ["."], gitignore: true, include: [], exclude: [] }).files;
    for (const rgPath of [path.join(dir, "missing-rg"), fake, chatty]) {
      const rg = startRg({ cwd: dir, paths: ["."], needles: NEEDLES, gitignore: true, maxFileSize: 1 << 20, rgPath })!;
      const names: string[] = [];
      const out = await scanWithRg(entries.map((e) => e.rel), rg, one(names), clean(names));
      expect(out.fellBack).toBeTruthy();
      expect([...names].sort()).toEqual(entries.map((e) => e.rel).sort());
    }
  });

  it("DEEPSEEK_MIGRATE_RG=0 turns ripgrep off; no needle, no folder: no ripgrep", () => {
    expect(bundledRgPath({ DEEPSEEK_MIGRATE_RG: "0" })).toBeUndefined();
    const dir = tempDir();
    write(dir, { "a.ts": "" });
    expect(startRg({ cwd: dir, paths: ["."], needles: [], gitignore: true, maxFileSize: 1 })).toBeUndefined();
    expect(startRg({ cwd: dir, paths: ["a.ts"], needles: NEEDLES, gitignore: true, maxFileSize: 1, rgPath: "/bin/false" })).toBeUndefined();
  });

  it("ripgrep's arguments: no config, fixed strings, text, hidden, skipped folders, parents only in a repository", () => {
    const a = rgArgs(["/x"], { needles: ["deepseek"], gitignore: true, maxFileSize: 10 }, false);
    for (const f of ["--no-config", "--fixed-strings", "--text", "--hidden", "--no-ignore-dot", "--no-ignore-global", "--no-ignore-exclude", "--no-require-git", "--no-ignore-parent"])
      expect(a).toContain(f);
    expect(a).toContain("!node_modules/");
    const inRepo = rgArgs(["/x"], { needles: ["deepseek"], gitignore: true, maxFileSize: 10 }, true);
    expect(inRepo).not.toContain("--no-ignore-parent");
    expect(inRepo).not.toContain("--no-require-git");
    expect(rgArgs(["/x"], { needles: ["deepseek"], gitignore: false, maxFileSize: Infinity }, true)).toContain("--no-ignore");
    expect(rgArgs(["/x"], { needles: ["deepseek"], gitignore: false, maxFileSize: Infinity }, true)).not.toContain("--max-filesize");
  });
});

describe.runIf(hasRg)("the CLI and ripgrep", () => {
  it("check and dry runs start ripgrep; --version and --help never do", () => {
    const dir = tempDir();
    write(dir, { "a.ts": 'export const MODEL = "deepseek-chat";\n' });
    const mark = path.join(dir, "rg-started");
    const wrapper = path.join(dir, "rg-wrapper.sh");
    fs.writeFileSync(wrapper, `#!/bin/sh\necho x >> '${mark}'\nexec '${bundledRgPath()}' "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, DEEPSEEK_MIGRATE_RG: wrapper, DEEPSEEK_MIGRATE_NOW: NOW, NO_COLOR: "1" };
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: "utf8" });
    expect(cli("--version").status).toBe(0);
    expect(cli("--help").status).toBe(0);
    expect(cli("check", "--help").status).toBe(0);
    expect(fs.existsSync(mark)).toBe(false);
    const r = cli("check", "--format", "json", ".");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary.findings).toBe(1);
    expect(fs.readFileSync(mark, "utf8")).toBe("x\n");
    expect(cli(".").stdout).toContain("deepseek-v4-flash");
    expect(fs.readFileSync(mark, "utf8")).toBe("x\nx\n");
  });

  it("ripgrep starts before the CLI loads when the arguments tell its run; the run takes it, or stops it and starts its own", () => {
    const dir = tempDir();
    write(dir, { "a.ts": 'export const MODEL = "deepseek-chat";\n', "sub/b.py": 'MODEL = "deepseek-reasoner"\n', "notes.md": "gpt-4o\n" });
    // (The wrapper and its log lie outside the scanned folder.)
    const bin = tempDir();
    const log = path.join(bin, "rg-log");
    const wrapper = path.join(bin, "rg-wrapper.sh");
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${bundledRgPath()}' "$@"\n`, { mode: 0o755 });
    const run = (args: string[], env: Record<string, string> = {}) => {
      fs.rmSync(log, { force: true });
      // Each run starts without a cache (a cache file's clean layer spares ripgrep: cache-clean-layer.test.ts).
      fs.rmSync(path.join(bin, "cache"), { force: true });
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, DEEPSEEK_MIGRATE_RG: wrapper, DEEPSEEK_MIGRATE_NOW: NOW, NO_COLOR: "1", ...env }, encoding: "utf8" });
      const starts = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
      return { ...r, starts };
    };
    // A usage error after the early start: ripgrep did start early (and is stopped at exit).
    const bad = run(["check", "--format", "nope", "."]);
    expect(bad.status).toBe(2);
    expect(bad.starts).toHaveLength(1);
    // The same command line with a valid format: one ripgrep, the early one, taken by the run; the
    // report is byte for byte the one of a run without the early start.
    for (const args of [["check", "--format", "json", "--cache-location", path.join(bin, "cache"), "."], ["--format=json", "--no-ignore", "sub", "."]]) {
      const early = run(args);
      const late = run(args, { DEEPSEEK_MIGRATE_EARLY_RG: "0" });
      expect(early.starts, args.join(" ")).toHaveLength(1);
      expect(late.starts).toHaveLength(1);
      expect(early.starts).toEqual(late.starts);
      expect(early.stdout).toBe(late.stdout);
      expect(early.status).toBe(late.status);
      expect(JSON.parse(early.stdout).findings.length).toBeGreaterThan(0);
    }
    // Other needles (a configured rule for another ID): the early ripgrep is stopped, the run starts its own.
    fs.writeFileSync(path.join(dir, "deepseek-migrate.config.json"), '{"rules": {"gpt-4o": {"target": "gpt-5"}}}');
    const other = run(["check", "--format", "json", "."]);
    expect(other.starts).toHaveLength(2);
    expect(other.starts[0]).not.toBe(other.starts[1]);
    expect(other.stdout).toBe(run(["check", "--format", "json", "."], { DEEPSEEK_MIGRATE_EARLY_RG: "0" }).stdout);
    expect(JSON.parse(other.stdout).findings.map((f: { file: string }) => f.file)).toContain("notes.md");
    // --changed-since and --help start none.
    expect(run(["check", "--changed-since", "HEAD"]).starts).toHaveLength(0);
  }, 180_000);

  it("which command lines start ripgrep early", () => {
    expect(earlyRun([])).toEqual({ paths: ["."], gitignore: true });
    expect(earlyRun(["check", "src", "--format", "json", "-o", "r.json", "--cache", "lib"])).toEqual({ paths: ["src", "lib"], gitignore: true, cache: ".deepseek-migrate-cache" });
    expect(earlyRun(["--cache-location", "c.json", "."])).toEqual({ paths: ["."], gitignore: true, cache: "c.json" });
    expect(earlyRun(["--no-ignore", "--include", "*.ts", "--", "-odd"])).toEqual({ paths: ["-odd"], gitignore: false });
    expect(earlyRun(["--format=json", "--write"])).toEqual({ paths: ["."], gitignore: true });
    // --changed-since starts git's listings early instead (src/walk/changed.ts).
    expect(earlyRun(["check", "--changed-since", "main", "src"])).toEqual({ paths: ["src"], gitignore: true, changedSince: "main" });
    expect(earlyRun(["--changed-since=HEAD~1"])).toEqual({ paths: ["."], gitignore: true, changedSince: "HEAD~1" });
    for (const argv of [["rules"], ["explain", "DSM001"], ["merge-reports", "a.json"], ["help"], ["check", "--help"], ["-h"], ["check", "--changed-since"],
      ["--max-file-size", "1MB"], ["--config", "c.json"], ["check", "--format"], ["-qv"], ["--no-ignore=1"], ["check", "--unknown"]])
      expect(earlyRun(argv), argv.join(" ")).toBeUndefined();
  });
});
