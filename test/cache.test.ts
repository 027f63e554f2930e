/**
 * The results cache (--cache, src/core/cache.ts): a second run reuses the analysis of files whose text
 * is unchanged, under the same settings, and reports exactly what a run without the cache reports.
 * The tests prove a hit by editing a cached message: only a run that read the entry shows it.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CACHE_SIGNATURE, contentHash, DEFAULT_CACHE_FILE, loadCache, settingsKey } from "../src/core/cache.js";
import { RACY_MS } from "../src/core/clean-layer.js";
import { clockInfo } from "../src/core/clock-info.js";
import { scanAll } from "../src/engine/pool.js";
import type { ScanFileOptions } from "../src/core/scan-file.js";
import { defaultRules } from "../src/rules/defaults.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { cliAsync, copyTree, snapshot, tempTree } from "./helpers/cli.js";
import { tempPath } from "./helpers/temp.js";
import { FIXTURE_NOW, ROOT } from "./helpers/fixtures.js";
import { MIXED } from "./helpers/projects.js";
import { scan } from "../src/index.js";

interface Doc {
  summary: Record<string, number>;
  findings: { file: string; message: string }[];
  files: { file: string; diff: string }[];
  warnings: { file: string; message: string }[];
}

async function check(dir: string, args: string[] = [], env: Record<string, string | undefined> = {}) {
  const r = await cliAsync(["check", "--format", "json", ...args], { cwd: dir, env });
  return { ...r, doc: JSON.parse(r.stdout) as Doc };
}

type CacheDoc = { "deepseek-migrate-cache": number; key: string; entries: Record<string, [string, string]> };
/** The cache's JSON document: its first line (the clean layer's lines follow, src/core/clean-layer.ts). */
const readCache = (file: string) => JSON.parse(fs.readFileSync(file, "utf8").split("\n")[0]!) as CacheDoc;

/** Prefix every cached message of one file: a run that shows the prefix took that entry from the cache. */
function mark(file: string, rel: string): void {
  const doc = readCache(file);
  const entry = doc.entries[rel]!;
  const a = JSON.parse(entry[1]) as { findings: { message: string }[] };
  for (const f of a.findings) f.message = `CACHED ${f.message}`;
  doc.entries[rel] = [entry[0], JSON.stringify(a)];
  fs.writeFileSync(file, JSON.stringify(doc));
}

/**
 * MIXED, its plain report, and the report of a first --cache run over it: made once for the file.
 * The folder then holds that run's cache; tests that go on from there work on a copy of it (the
 * reports name files by relative path, and a copy's cache entries hit: they are keyed by path and
 * content).
 */
let mixedRuns: Promise<{ dir: string; plain: Awaited<ReturnType<typeof check>>; first: Awaited<ReturnType<typeof check>> }> | undefined;
function mixedCached() {
  mixedRuns ??= (async () => {
    const dir = tempTree(MIXED);
    const plain = await check(dir);
    const first = await check(dir, ["--cache"]);
    return { dir, plain, first };
  })();
  return mixedRuns;
}

// Each test has its own folder: they run side by side.
describe.concurrent("--cache", () => {
  it("a second run reports the same, reads the entries, and never scans the cache file", async () => {
    const { dir: base, plain, first } = await mixedCached();
    expect(first.code).toBe(plain.code);
    expect(first.doc).toEqual(plain.doc);
    const doc = readCache(path.join(base, DEFAULT_CACHE_FILE));
    // One entry per file with a match; every entry of a file that has one.
    const withFindings = [...new Set(plain.doc.findings.map((f) => f.file))].sort();
    expect(Object.keys(doc.entries)).toEqual(withFindings);
    expect(doc.entries["src/client.ts"]![0]).toBe(contentHash(fs.readFileSync(path.join(base, "src/client.ts"))));

    const dir = copyTree(base);
    const cacheFile = path.join(dir, DEFAULT_CACHE_FILE);
    const second = await check(dir, ["--cache"]);
    expect(second.doc).toEqual(plain.doc);

    mark(cacheFile, "src/client.ts");
    const marked = await check(dir, ["--cache"]);
    const msgs = marked.doc.findings.filter((f) => f.file === "src/client.ts").map((f) => f.message);
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.every((m) => m.startsWith("CACHED "))).toBe(true);
    expect(marked.doc.findings.filter((f) => f.file !== "src/client.ts")).toEqual(plain.doc.findings.filter((f) => f.file !== "src/client.ts"));
    // The diff is computed from the text as it is, not cached.
    expect(marked.doc.files).toEqual(plain.doc.files);
    // Without --cache the entry is not read, and the cache file is a clean file like any other:
    // wherever it lies and whatever its name (a copy in src/ as results.json, scanned by the same run).
    fs.copyFileSync(cacheFile, path.join(dir, "src", "results.json"));
    const without = (await check(dir)).doc;
    expect(without.summary).toEqual({ ...plain.doc.summary, files: plain.doc.summary.files + 2 });
    expect({ ...without, summary: plain.doc.summary }).toEqual(plain.doc);
  });

  it("a changed file, other settings, another version's cache: the entry is not used", async () => {
    const dir = copyTree((await mixedCached()).dir);
    const cacheFile = path.join(dir, DEFAULT_CACHE_FILE);
    const key = readCache(cacheFile).key; // the default settings'
    mark(cacheFile, "src/client.ts");
    const seen = async () => (await check(dir, ["--cache"])).doc.findings.some((f) => f.message.startsWith("CACHED "));
    expect(await seen()).toBe(true);

    // A changed text: the file is analysed again (a line added above moves every finding).
    const file = path.join(dir, "src/client.ts");
    fs.writeFileSync(file, "// a comment\n" + fs.readFileSync(file, "utf8"));
    const changed = await check(dir, ["--cache"]);
    expect(changed.doc.findings.some((f) => f.message.startsWith("CACHED "))).toBe(false);
    expect(changed.doc.findings).toEqual((await check(dir)).doc.findings);
    // That run cached the new text under the default settings' key: a run with those settings
    // would take the entry now (as the run above that showed the mark did), so the runs below
    // miss it for their settings alone.
    expect(readCache(cacheFile).key).toBe(key);
    expect(readCache(cacheFile).entries["src/client.ts"]![0]).toBe(contentHash(fs.readFileSync(file)));

    // Other settings: another clock verdict (before the retirement), another reasoner target.
    mark(cacheFile, "src/client.ts");
    const early = await check(dir, ["--cache"], { DEEPSEEK_MIGRATE_NOW: "2026-07-01T00:00:00Z" });
    expect(early.doc.findings.some((f) => f.message.startsWith("CACHED "))).toBe(false);
    expect(early.doc.findings).toEqual((await check(dir, [], { DEEPSEEK_MIGRATE_NOW: "2026-07-01T00:00:00Z" })).doc.findings);
    mark(cacheFile, "src/client.ts");
    expect((await check(dir, ["--cache", "--reasoner-target", "pro"])).doc.findings.some((f) => f.message.startsWith("CACHED "))).toBe(false);

    // Another version's cache (another key) is ignored and rewritten with this version's key.
    mark(cacheFile, "src/client.ts");
    const doc = readCache(cacheFile);
    fs.writeFileSync(cacheFile, JSON.stringify({ ...doc, key: "another version" }));
    expect(await seen()).toBe(false);
    expect(readCache(cacheFile).key).toBe(key);
  });

  it("a corrupt cache is a warning; the run is right and the cache is rewritten", async () => {
    const { dir: base, plain } = await mixedCached();
    const dir = copyTree(base);
    const cacheFile = path.join(dir, DEFAULT_CACHE_FILE);
    fs.writeFileSync(cacheFile, "{ not json");
    const r = await check(dir, ["--cache"]);
    expect(r.doc.findings).toEqual(plain.doc.findings);
    expect(r.doc.warnings).toContainEqual({ file: DEFAULT_CACHE_FILE, message: "the cache file is not valid JSON; scanning without it" });
    expect(Object.keys(readCache(cacheFile).entries).length).toBeGreaterThan(0);
    expect((await check(dir, ["--cache"])).doc).toEqual(plain.doc);

    // An entry that is not an analysis is analysed again.
    const doc = readCache(cacheFile);
    doc.entries["src/client.ts"] = [doc.entries["src/client.ts"]![0], '{"findings": 3}'];
    fs.writeFileSync(cacheFile, JSON.stringify(doc));
    expect((await check(dir, ["--cache"])).doc).toEqual(plain.doc);
  });

  it("--write with a warm cache writes what a run without it writes; the fixes come from the text read now", async () => {
    const a = tempTree(MIXED);
    const b = tempTree(MIXED);
    const cacheFile = tempPath("results.cache");
    expect((await cliAsync(["--write", "--allow-dirty"], { cwd: a })).code).not.toBe(2);
    await check(b, ["--cache-location", cacheFile]);
    expect(fs.existsSync(cacheFile)).toBe(true);
    expect((await cliAsync(["--write", "--allow-dirty", "--cache-location", cacheFile], { cwd: b })).code).not.toBe(2);
    const contents = (d: string) => Object.fromEntries(Object.entries(snapshot(d)).map(([k, v]) => [k, v.split(":")[0]]));
    expect(contents(b)).toEqual(contents(a));
  });

  it("an unchanged cache is not rewritten; a run over one folder keeps the entries of the others", async () => {
    const dir = tempTree({ ...MIXED, "other/app.py": 'client.chat.completions.create(model="deepseek-chat", messages=m)\n' });
    const cacheFile = path.join(dir, DEFAULT_CACHE_FILE);
    // Old enough for the clean layer (src/core/clean-layer.ts): the first run records every clean
    // file, so the second one has nothing new to record.
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    await check(dir, ["--cache"]);
    const before = readCache(cacheFile);
    expect(Object.keys(before.entries)).toContain("other/app.py");
    const old = new Date("2020-01-01T00:00:00Z");
    fs.utimesSync(cacheFile, old, old);
    await check(dir, ["--cache"]);
    expect(fs.statSync(cacheFile).mtime.getTime()).toBe(old.getTime());

    // A run over src/ only: other/app.py's entry stays; src/'s entries are this run's.
    await check(dir, ["--cache", "src"]);
    expect(readCache(cacheFile).entries).toEqual(before.entries);
    fs.rmSync(path.join(dir, "other", "app.py"));
    await check(dir, ["--cache", "src"]);
    expect(Object.keys(readCache(cacheFile).entries)).toContain("other/app.py");
    // A run over the whole tree drops it (the file is gone).
    await check(dir, ["--cache"]);
    expect(Object.keys(readCache(cacheFile).entries)).not.toContain("other/app.py");
  });

  it("an analysis made after an adapter threw is not cached", async () => {
    const n = 30_000;
    const dir = tempTree({ ...MIXED, "deep.json": `{"a": ${"[".repeat(n)}"deepseek-chat"${"]".repeat(n)}}\n` });
    const first = await check(dir, ["--cache"]);
    const note = { file: "deep.json", message: "did not parse (RangeError: Maximum call stack size exceeded); matches reported lexically" };
    expect(first.doc.warnings).toContainEqual(note);
    const entries = readCache(path.join(dir, DEFAULT_CACHE_FILE)).entries;
    expect(Object.keys(entries)).toContain("src/client.ts");
    expect(Object.keys(entries)).not.toContain("deep.json");
    expect((await check(dir, ["--cache"])).doc).toEqual(first.doc);
  });

  it("the API's `cache` option is --cache-location", async () => {
    const dir = tempTree(MIXED);
    const plain = await scan({ cwd: dir, config: false, now: FIXTURE_NOW });
    const cached = await scan({ cwd: dir, config: false, now: FIXTURE_NOW, cache: "results.cache" });
    expect(cached.findings).toEqual(plain.findings);
    expect(Object.keys(readCache(path.join(dir, "results.cache")).entries)).toContain("src/client.ts");
    mark(path.join(dir, "results.cache"), "src/client.ts");
    const again = await scan({ cwd: dir, config: false, now: FIXTURE_NOW, cache: "results.cache" });
    expect(again.findings.filter((f) => f.file === "src/client.ts").every((f) => f.message.startsWith("CACHED "))).toBe(true);
    expect(again.summary).toEqual(plain.summary);
  });

  it("the worker pool reads and fills the cache like the in-process scan", async () => {
    const { dir: base, plain } = await mixedCached();
    const dir = copyTree(base); // with the cache of a --cache run
    const cacheFile = path.join(dir, DEFAULT_CACHE_FILE);
    mark(cacheFile, "src/client.ts");
    const ruleset = makeRuleset(defaultRules());
    const clock = clockInfo(FIXTURE_NOW);
    const loaded = loadCache(cacheFile, settingsKey(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version, ruleset, clock, undefined));
    expect(loaded.cache.entries.size).toBeGreaterThan(0);
    const opts: ScanFileOptions = { ruleset, clock, unsafeFixes: false, maxFileSize: 1 << 20, cache: loaded.cache };
    const entries = Object.keys(MIXED)
      .sort()
      .map((rel) => ({ rel, abs: path.join(dir, rel) }));
    const workerUrl = pathToFileURL(path.join(ROOT, "dist", "engine", "worker.js"));
    const pooled = await scanAll(entries, opts, { workers: 2, minFiles: 0, workerUrl });
    const inProcess = await scanAll(entries, opts, { workers: 0 });
    expect(pooled.map((r) => [r.file, r.findings, r.analysis])).toEqual(inProcess.map((r) => [r.file, r.findings, r.analysis]));
    const client = pooled.find((r) => r.file === "src/client.ts")!;
    expect(client.findings.every((f) => f.message.startsWith("CACHED "))).toBe(true);
    // Every file with findings carries its entry back to the run.
    for (const r of pooled) expect(r.analysis !== undefined).toBe(r.findings.length > 0);
    expect(plain.doc.findings.length).toBeGreaterThan(0);
  });

  it("an entry does not hold the line text: many matches on one long line keep the cache small", async () => {
    // A recording on one line: every finding's line is the whole file.
    const records = Array.from({ length: 400 }, (_, i) => ({ id: i, model: "deepseek-chat", object: "chat.completion", content: "x".repeat(40) }));
    const dir = tempTree({ "recording.json": JSON.stringify(records) });
    const plain = await check(dir);
    expect(plain.doc.findings.length).toBe(400);
    const cold = await check(dir, ["--cache"]);
    expect(cold.doc).toEqual(plain.doc);
    const cacheFile = path.join(dir, DEFAULT_CACHE_FILE);
    // Not 400 copies of the 40 KB line.
    expect(fs.statSync(cacheFile).size).toBeLessThan(1_000_000);
    mark(cacheFile, "recording.json");
    const warm = await check(dir, ["--cache"]);
    expect(warm.doc.findings.every((f) => f.message.startsWith("CACHED "))).toBe(true);
    expect(warm.doc.findings.map((f) => ({ ...f, message: "" }))).toEqual(plain.doc.findings.map((f) => ({ ...f, message: "" })));
    expect(warm.doc.errors).toEqual([]);
  });

  it("the key is the exact content: a lone surrogate and U+FFFD (the same UTF-8 bytes) are different files", async () => {
    // A UTF-16 file can hold an unpaired surrogate; the TypeScript parser tells it from U+FFFD.
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const source = (c: string) => utf16(`const model = "deepseek-chat";\n${c}\n`);
    const dir = tempTree({ "a.ts": source("\ufffd") });
    const cacheFile = tempPath("results.cache");
    await check(dir, ["--cache-location", cacheFile]);
    fs.writeFileSync(path.join(dir, "a.ts"), source("\ud800"));
    const plain = await check(dir);
    expect((await check(dir, ["--cache-location", cacheFile])).doc).toEqual(plain.doc);
  });

  it("a cache file larger than the read buffer is told by its first bytes and left out; a large file of code is scanned whole", async () => {
    const filler = "x".repeat(300 * 1024);
    const dir = tempTree({
      // A copy of a large cache under another name (the results of a big repository).
      "results.json": `${CACHE_SIGNATURE}9,"key":"k","entries":{"a.py":["h","{\\"findings\\":[{\\"legacyId\\":\\"deepseek-chat\\"}]}"]}}\n${filler}\n`,
      // A large module: its first bytes are code, so it is read and scanned as always.
      "big.py": `# ${filler}\nclient.chat.completions.create(model="deepseek-chat", messages=m)\n`,
    });
    const result = await scan({ cwd: dir, mode: "check", config: false, now: FIXTURE_NOW });
    expect(result.findings.map((f) => [f.file, f.line, f.fix])).toEqual([["big.py", 2, "safe"]]);
    expect(result.summary.files).toBe(2);
    expect(result.files.map((f) => f.file)).toEqual(["big.py"]);
  });

  it("only the cache file itself is left out of the walk: a folder at its place is scanned, a start path above it too", async () => {
    // A folder where the cache file would be: reported unusable, and its files scanned as always.
    const dir = tempTree({ ...MIXED, ".cache/app.py": 'client.chat.completions.create(model="deepseek-chat", messages=m)\n' });
    const plain = await check(dir);
    expect(plain.doc.findings.some((f) => f.file === ".cache/app.py")).toBe(true);
    const r = await check(dir, ["--cache-location", ".cache"]);
    expect(r.doc.findings).toEqual(plain.doc.findings);
    expect(r.doc.summary).toEqual(plain.doc.summary);

    // A start path above the working directory: the cache file below it is not counted either.
    const sub = path.join(dir, "src");
    const cold = await check(sub, ["--cache", ".."]);
    expect(fs.existsSync(path.join(sub, DEFAULT_CACHE_FILE))).toBe(true);
    const warm = await check(sub, ["--cache", ".."]);
    expect(warm.doc).toEqual(cold.doc);
  });
});
