/**
 * The worker pool (src/engine/pool.ts + worker.ts), the streaming walk and the progress line.
 * Pool tests run the compiled worker (dist/engine/worker.js: `npm test` builds first) on real files
 * in temp folders and compare every result with the in-process scan of the same files.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { clockInfo } from "../src/core/clock-info.js";
import { DEFAULT_MIN_FILES, FileScanner, POOL_MIN_CANDIDATES, poolPays, scanAll, type ScanProgress } from "../src/engine/pool.js";
import type { ScanFileOptions } from "../src/core/scan-file.js";
import { ProgressLine, progressAllowed, progressText } from "../src/cli/progress.js";
import { defaultRules } from "../src/rules/defaults.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import type { FileResult } from "../src/core/types.js";
import { walk, type WalkEntry } from "../src/walk/walk.js";
import { cli, cliAsync } from "./helpers/cli.js";
import { FIXTURE_NOW, ROOT } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/temp.js";

const WORKER = pathToFileURL(path.join(ROOT, "dist", "engine", "worker.js"));

function opts(): ScanFileOptions {
  return { ruleset: makeRuleset(defaultRules()), clock: clockInfo(FIXTURE_NOW), unsafeFixes: false, maxFileSize: 64 * 1024 };
}

function tree(files: Record<string, string | Buffer>): string {
  const dir = tempDir("dsm-pool-");
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** A mixed tree: clean files, hits in TS/Python/YAML/Markdown, a near miss, binary, UTF-16, oversized, empty. */
function mixedTree(hits = 6): string {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 40; i++) files[`pkg/clean-${String(i).padStart(2, "0")}.ts`] = `export const x${i} = ${i};\n`;
  for (let i = 0; i < hits; i++) {
    files[`pkg/ts-${i}.ts`] = `const r = await client.chat.completions.create({\n  model: "deepseek-${i % 2 ? "reasoner" : "chat"}",\n  messages,\n});\n`;
    files[`py/app_${i}.py`] = `r = client.chat.completions.create(\n    model="deepseek-chat",\n    messages=m,\n)\n`;
  }
  files["config/app.yaml"] = "llm:\n  model: deepseek-chat\n";
  files["docs/guide.md"] = "Use `deepseek-reasoner` for planning.\n";
  files["pkg/near.ts"] = 'export const m = "deepseek-v4-flash";\n';
  files["bin/blob.bin"] = Buffer.concat([Buffer.from("deepseek-chat"), Buffer.alloc(16)]);
  files["pkg/wide.ts"] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('const c = { model: "deepseek-chat" };\n', "utf16le")]);
  files["pkg/huge.ts"] = `// ${"x".repeat(70 * 1024)}\nconst m = "deepseek-chat";\n`;
  files["pkg/empty.ts"] = "";
  return tree(files);
}

function entriesOf(dir: string): WalkEntry[] {
  return walk({ cwd: dir, paths: ["."], gitignore: true, include: [], exclude: [] }).files;
}

/** Results made comparable: Buffers as hex. */
function plain(rs: FileResult[]): unknown[] {
  return rs.map((r) => ({ ...r, original: r.original ? Buffer.from(r.original).toString("hex") : undefined }));
}

describe("worker pool", () => {
  it("the compiled worker exists (npm test builds first)", () => {
    expect(fs.existsSync(WORKER)).toBe(true);
  });

  it("gives the same results, in walk order, as the in-process scan", async () => {
    const dir = mixedTree();
    const entries = entriesOf(dir);
    const serial = await scanAll(entries, opts(), { workers: 0 });
    // Two workers from the start: TypeScript goes to one, Python to the other, light kinds anywhere.
    const s = new FileScanner(opts(), { workers: 2, initialWorkers: 2, minFiles: 0, batchSize: 7, workerUrl: WORKER });
    for (const e of entries) s.add(e);
    const parallel = await s.finish();
    expect(s.parallel).toBe(true);
    expect(s.workerCount).toBe(2);
    expect(parallel.map((r) => r.file)).toEqual(entries.map((e) => e.rel));
    expect(plain(parallel)).toEqual(plain(serial));
    // The results say what they should (so the equality above is not between two empty scans).
    const by = new Map(parallel.map((r) => [r.file, r]));
    expect(by.get("pkg/ts-1.ts")!.findings.map((f) => f.fix)).toEqual(["safe"]);
    expect(by.get("py/app_0.py")!.fixed).toContain("deepseek-v4-flash");
    expect(Buffer.isBuffer(by.get("py/app_0.py")!.original)).toBe(true);
    expect(by.get("bin/blob.bin")!.status).toBe("skipped");
    expect(by.get("pkg/huge.ts")!.status).toBe("skipped");
    expect(by.get("pkg/wide.ts")!.findings.length).toBe(1);
    // A retired alias (still works): reported at info, never renamed.
    expect(by.get("pkg/near.ts")!.findings.map((f) => [f.code, f.severity, f.fix])).toEqual([["DSM002", "info", "none"]]);
  });

  it("one worker and the main thread; a second worker starts only under a backlog of parser work", async () => {
    const dir = mixedTree(60);
    const entries = entriesOf(dir);
    const serial = plain(await scanAll(entries, opts(), { workers: 0 }));
    const calm = new FileScanner(opts(), { workers: 2, initialWorkers: 1, minFiles: 0, batchSize: 5, workerUrl: WORKER });
    for (const e of entries) calm.add(e);
    expect(plain(await calm.finish())).toEqual(serial);
    expect(calm.workerCount).toBe(1);
    // The main thread stays out of parsing here, so the backlog goes to a second worker.
    const busy = new FileScanner(opts(), { workers: 2, initialWorkers: 1, ownerBacklog: 1, mainParses: false, minFiles: 0, batchSize: 5, workerUrl: WORKER });
    for (const e of entries) busy.add(e);
    expect(plain(await busy.finish())).toEqual(serial);
    expect(busy.workerCount).toBe(2);
    expect(busy.mainScanned).toBe(0);
  });

  it("once the walk is over, the main thread takes a share of a parser backlog", async () => {
    const dir = mixedTree(60);
    const entries = entriesOf(dir);
    const serial = plain(await scanAll(entries, opts(), { workers: 0 }));
    const s = new FileScanner(opts(), { workers: 1, initialWorkers: 1, mainBacklog: 1, minFiles: 0, batchSize: 5, workerUrl: WORKER });
    for (const e of entries) s.add(e);
    expect(plain(await s.finish())).toEqual(serial);
    expect(s.workerCount).toBe(1);
    expect(s.mainScanned).toBeGreaterThan(0);
    // Below its backlog the main thread leaves parsing to the workers (no parser loaded here for a few files).
    const calm = new FileScanner(opts(), { workers: 1, initialWorkers: 1, mainBacklog: 1000, minFiles: 0, batchSize: 5, workerUrl: WORKER });
    for (const e of entries) calm.add(e);
    expect(plain(await calm.finish())).toEqual(serial);
    expect(calm.mainScanned).toBe(0);
  });

  it("a worker that dies or fails hands its files back: nothing is lost", async () => {
    const dir = mixedTree();
    const entries = entriesOf(dir);
    const serial = plain(await scanAll(entries, opts(), { workers: 0 }));
    const bad = tree({
      "dies.mjs": 'import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => process.exit(3));\n',
      "fails.mjs":
        'import { parentPort } from "node:worker_threads";\nparentPort.on("message", (m) => parentPort.postMessage({ id: m.id, results: [], deferred: [], error: "boom" }));\n',
      "throws.mjs": 'throw new Error("cannot start");\n',
    });
    for (const name of ["dies.mjs", "fails.mjs", "throws.mjs"]) {
      const s = new FileScanner(opts(), { workers: 2, initialWorkers: 2, minFiles: 0, batchSize: 5, workerUrl: pathToFileURL(path.join(bad, name)) });
      for (const e of entries) s.add(e);
      expect(plain(await s.finish()), name).toEqual(serial);
    }
  });

  it("stays in-process below the threshold and without a compiled worker", async () => {
    const dir = mixedTree();
    const entries = entriesOf(dir);
    const small = new FileScanner(opts(), { workers: 2, minFiles: entries.length + 1, workerUrl: WORKER });
    for (const e of entries) small.add(e);
    await small.finish();
    expect(small.parallel).toBe(false);
    const missing = new FileScanner(opts(), { workers: 2, minFiles: 0, workerUrl: pathToFileURL(path.join(dir, "no-such-worker.js")) });
    for (const e of entries) missing.add(e);
    expect((await missing.finish()).length).toBe(entries.length);
    expect(missing.parallel).toBe(false);
  });

  it("reports progress up to every file", async () => {
    const dir = mixedTree();
    const entries = entriesOf(dir);
    const seen: ScanProgress[] = [];
    await scanAll(entries, opts(), { workers: 2, minFiles: 0, batchSize: 4, workerUrl: WORKER, onProgress: (p) => seen.push({ ...p }) });
    expect(seen.length).toBeGreaterThan(1);
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ done: entries.length, total: entries.length, found: entries.length });
    expect(last.findings).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  });

  it("the CLI gives the same report with and without workers on a 2,000+ file tree", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2100; i++) {
      const d = `pkg${i % 7}/mod${i % 13}`;
      if (i % 150 === 0) files[`${d}/hit${i}.py`] = `r = client.chat.completions.create(model="deepseek-reasoner", messages=m)\n`;
      else if (i % 170 === 0) files[`${d}/hit${i}.ts`] = `export const CHAT_MODEL = "deepseek-chat";\n`;
      else files[`${d}/f${i}.txt`] = `line ${i}\n`;
    }
    const dir = tree(files);
    const copy = tree(files);
    const args = ["check", "--format", "json"];
    // Both checks read the same tree: side by side.
    const [one, two] = await Promise.all([cliAsync(args, { cwd: dir, env: { DEEPSEEK_MIGRATE_WORKERS: "0" } }), cliAsync(args, { cwd: dir, env: { DEEPSEEK_MIGRATE_WORKERS: "2" } })]);
    expect(one.code, one.stderr).toBe(1);
    expect(two.code, two.stderr).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as { summary: { files: number; findings: number } };
    expect(report.summary.files).toBe(2100);
    expect(report.summary.findings).toBe(14 + 12);

    // --write with workers: the bytes a worker read come back as a Buffer the writer compares.
    // Each --write on its own tree: side by side.
    const [w2, w0] = await Promise.all([
      cliAsync(["--write", "--format", "json"], { cwd: dir, env: { DEEPSEEK_MIGRATE_WORKERS: "2" } }),
      cliAsync(["--write", "--format", "json"], { cwd: copy, env: { DEEPSEEK_MIGRATE_WORKERS: "0" } }),
    ]);
    expect(w2.code, w2.stderr).toBe(0);
    expect(w0.code, w0.stderr).toBe(0);
    for (const rel of Object.keys(files)) expect(fs.readFileSync(path.join(dir, rel), "utf8"), rel).toBe(fs.readFileSync(path.join(copy, rel), "utf8"));
    expect(fs.readFileSync(path.join(dir, "pkg0/mod0/hit0.py"), "utf8")).toContain('model="deepseek-v4-flash"');
  });
});

describe("poolPays: when files that passed the prefilter go to the worker pool", () => {
  const files = (n: number, ext: string) => Array.from({ length: n }, (_, i) => ({ rel: `src/f${i}.${ext}` }));

  it("few files stay in-process; one parser's files go to the pool only from DEFAULT_MIN_FILES on", () => {
    expect(poolPays(files(POOL_MIN_CANDIDATES - 1, "ts"))).toBe(false);
    expect(poolPays(files(1000, "ts"))).toBe(false);
    expect(poolPays([...files(900, "py"), ...files(300, "yaml")])).toBe(false);
    expect(poolPays(files(DEFAULT_MIN_FILES, "ts"))).toBe(true);
  });

  it("two heavy parsers with work each go to the pool (they load in different threads)", () => {
    expect(poolPays([...files(1000, "ts"), ...files(1000, "py").slice(0, 999)])).toBe(true);
    expect(poolPays([...files(400, "tsx"), ...files(250, "ipynb")])).toBe(true);
    expect(poolPays([...files(800, "ts"), ...files(199, "py")])).toBe(false);
  });
});

describe("streaming walk", () => {
  it("hands files on in exactly the sorted order it returns", () => {
    const names = ["a", "a-b", "a.b", "a/x", "a/y/z", "a0", "A", "B/c", "b", "é", "e", "a b", "a_", "ab/c", "a!", "z/a/b/c/d"];
    const files: Record<string, string> = {};
    for (const n of names) files[n.endsWith("/") ? n + "f" : n.includes("/") ? n : `${n}/leaf`] = "";
    for (const n of names) if (!n.includes("/")) files[`${n}.txt`] = "";
    const dir = tree(files);
    const streamed: string[] = [];
    const r = walk({ cwd: dir, paths: ["."], gitignore: true, include: [], exclude: [], onFile: (e) => streamed.push(e.rel) });
    const sorted = [...r.files.map((f) => f.rel)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(streamed).toEqual(sorted);
    expect(r.files.map((f) => f.rel)).toEqual(sorted);
    // Several start paths: called once per file, at the end, in the same order.
    const multi: string[] = [];
    const m = walk({ cwd: dir, paths: ["a", "B", "a"], gitignore: true, include: [], exclude: [], onFile: (e) => multi.push(e.rel) });
    expect(multi).toEqual(m.files.map((f) => f.rel));
    expect(new Set(multi).size).toBe(multi.length);
  });
});

describe("progress line", () => {
  function fakeStream(isTTY: boolean) {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, columns: 200, write: (c: string) => (chunks.push(c), true) } };
  }
  const p = (done: number, total?: number): ScanProgress => ({ found: total ?? done, done, total, findings: 3 });

  it("draws only after a second, throttled, and erases itself", () => {
    let t = 0;
    const { chunks, stream } = fakeStream(true);
    const line = new ProgressLine({ stream, env: {}, now: () => t });
    line.update(p(10));
    t = 900;
    line.update(p(20));
    expect(chunks).toEqual([]);
    t = 1200;
    line.update(p(30, 100));
    t = 1250;
    line.update(p(40, 100)); // throttled
    t = 1400;
    line.update(p(50, 100));
    line.done();
    expect(chunks).toEqual([
      "\r\x1b[2Kdeepseek-migrate: 30 of 100 files, 3 findings, 1.2 s",
      "\r\x1b[2Kdeepseek-migrate: 50 of 100 files, 3 findings, 1.4 s",
      "\r\x1b[2K",
    ]);
  });

  it("never draws in CI, with --quiet or when stderr is not a terminal", () => {
    for (const o of [{ tty: true, env: { CI: "true" } }, { tty: true, env: {}, quiet: true }, { tty: false, env: {} }]) {
      let t = 0;
      const { chunks, stream } = fakeStream(o.tty);
      const line = new ProgressLine({ stream, env: o.env, quiet: o.quiet, now: () => t });
      t = 5000;
      line.update(p(1, 2));
      line.done();
      expect(chunks).toEqual([]);
    }
    expect(progressAllowed({ stream: { isTTY: true, write: () => true }, env: { CI: "false" } })).toBe(true);
    expect(progressAllowed({ stream: { isTTY: true, write: () => true }, env: { CI: "1" } })).toBe(false);
  });

  it("says how far the walk got while it runs", () => {
    expect(progressText({ found: 12345, done: 200, total: undefined, findings: 1 }, 2000)).toBe(
      "deepseek-migrate: 12,345 files found, 200 scanned, 1 finding, 2.0 s",
    );
  });

  it("a run with stderr not a terminal writes nothing of it", () => {
    const dir = tree({ "a.py": 'MODEL = "deepseek-chat"\n' });
    const r = cli(["check"], { cwd: dir, env: { CI: undefined } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("\x1b[2K");
    expect(r.stderr).not.toContain("files found");
  });
});
