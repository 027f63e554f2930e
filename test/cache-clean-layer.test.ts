/**
 * The cache's clean layer (src/core/clean-layer.ts): with --cache, the files a scan settled clean
 * are recorded with their stat keys, and a later run counts those whose key is unchanged clean
 * without reading them (and without ripgrep). Whatever changed in between, the report is the one a
 * run without the cache gives. Files must be older than RACY_MS to be recorded: each tree here is
 * left to age that long before its first --cache run.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CACHE_FILE } from "../src/core/cache.js";
import { formatLines, lineStarts, RACY_MS } from "../src/core/clean-layer.js";
import { pairLines } from "../src/core/layer-pairs.js";
import { STAT_SCAN_MAX } from "../src/core/warm-scan.js";
import { bundledRgPath } from "../src/walk/rg.js";
import { BIN, cli, copyTree, tempTree } from "./helpers/cli.js";
import { MIXED } from "./helpers/projects.js";
import { tempDir } from "./helpers/temp.js";

const NOW = "2026-11-28T12:00:00Z";

/** Clean files of several kinds, some naming current IDs (they hold the needle, not a legacy ID). */
function cleanFiles(n: number): Record<string, string> {
  const out: Record<string, string> = {};
  // A request with nothing to lint: analysed (it may send a request), and clean.
  out["lib/request.py"] =
    'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n' +
    'r = client.chat.completions.create(model="deepseek-v4-pro", messages=[{"role": "user", "content": "hi"}], extra_body={"thinking": {"type": "enabled"}})\n';
  for (let i = 0; i < n; i++) {
    const ext = [".ts", ".py", ".md", ".json"][i % 4]!;
    const body = i % 3 === 0 ? `# uses deepseek-v4-pro (${i})\n` : `value ${i}\n`;
    out[`lib/part-${Math.floor(i / 50)}/file-${i}${ext}`] = ext === ".json" ? JSON.stringify({ n: i, note: body }) : body;
  }
  return out;
}

function age(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RACY_MS + 200);
}

/** Each tree's folder for its ripgrep wrapper and log: outside the scanned folder, removed after the tests. */
const rgFolders = new Map<string, string>();
function rgFolder(dir: string): string {
  let d = rgFolders.get(dir);
  if (!d) rgFolders.set(dir, (d = tempDir("dsm-rg-wrap-")));
  return d;
}

/** A check's JSON report, with ripgrep wrapped to log each start (outside the scanned folder). */
async function check(dir: string, args: string[] = []): Promise<{ code: number | null; doc: unknown; rgStarts: number }> {
  const log = path.join(rgFolder(dir), "rg-log");
  const wrapper = path.join(rgFolder(dir), "rg.sh");
  fs.writeFileSync(wrapper, `#!/bin/sh\necho x >> '${log}'\nexec '${bundledRgPath()}' "$@"\n`, { mode: 0o755 });
  fs.rmSync(log, { force: true });
  // Without blocking the test's thread (the tests of a tree run side by side).
  const child = spawn(process.execPath, [BIN, "check", "--format", "json", ...args], {
    cwd: dir,
    env: { ...process.env, DEEPSEEK_MIGRATE_RG: wrapper, DEEPSEEK_MIGRATE_NOW: NOW, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.resume();
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const r = { status, stdout };
  const rgStarts = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0;
  return { code: r.status, doc: JSON.parse(r.stdout), rgStarts };
}

/** A plain check (no --cache), with the cache file moved aside: a plain run counts it as a file of the tree. */
async function plain(dir: string, args: string[] = []) {
  const file = path.join(dir, DEFAULT_CACHE_FILE);
  const aside = `${dir}.cache-aside`;
  const had = fs.existsSync(file);
  if (had) fs.renameSync(file, aside);
  try {
    return await check(dir, args);
  } finally {
    if (had) fs.renameSync(aside, file);
  }
}

/** The clean layer's paths (the lines after the cache's JSON document). */
function layerPaths(dir: string): string[] {
  const lines = fs.readFileSync(path.join(dir, DEFAULT_CACHE_FILE), "utf8").split("\n").slice(1);
  return lines.filter(Boolean).map((l) => l.slice(0, l.indexOf("\t")));
}

// Each test has its own tree: they run side by side (all but the one that needs its files young).
describe.concurrent("--cache: the clean layer", () => {
  // The trees are made at once and aged together (one wait for all).
  const trees: Record<"first" | "edits" | "part" | "copy", string> = { first: "", edits: "", part: "", copy: "" };
  beforeAll(() => {
    trees.first = tempTree({ ...MIXED, ...cleanFiles(40) });
    trees.edits = tempTree({ ...MIXED, ...cleanFiles(40) });
    trees.part = tempTree({ ...MIXED, ...cleanFiles(120) });
    trees.copy = tempTree({ ...MIXED, ...cleanFiles(STAT_SCAN_MAX + 100) });
    age();
  });

  it("records the clean files, and a warm run reads only the others, without ripgrep, reporting the same", async () => {
    const dir = trees.first;
    const ref = await plain(dir);
    const cold = await check(dir, ["--cache"]);
    expect(cold.doc).toEqual(ref.doc);
    const recorded = layerPaths(dir);
    // Every clean file (with or without the needle), none with a finding.
    expect(recorded).toEqual(expect.arrayContaining(Object.keys(cleanFiles(40))));
    const withFindings = new Set((ref.doc as { findings: { file: string }[] }).findings.map((f) => f.file));
    expect(withFindings.size).toBeGreaterThan(0);
    for (const f of withFindings) expect(recorded).not.toContain(f);
    const warm = await check(dir, ["--cache"]);
    expect(warm.doc).toEqual(ref.doc);
    expect(cold.rgStarts).toBe(1);
    expect(warm.rgStarts).toBe(0);
    expect(layerPaths(dir)).toEqual(recorded);
  });

  it("an edit with the times put back, a file renamed over another, a new and a deleted file: the warm run reports what a plain run does", async () => {
    const dir = trees.edits;
    await check(dir, ["--cache"]);
    // The same size, the modification time put back: the change time still moves.
    const a = path.join(dir, "lib/part-0/file-9.py");
    const st = fs.statSync(a);
    const body = 'M = "deepseek-chat"\n';
    const padded = body + "#".repeat(Math.max(0, st.size - body.length - 1)) + "\n";
    expect(padded.length).toBe(st.size);
    fs.writeFileSync(a, padded);
    fs.utimesSync(a, st.atime, st.mtime);
    // Renamed over: another inode.
    fs.writeFileSync(path.join(dir, "lib/part-0/tmp.ts"), 'export const m = "deepseek-reasoner";\n');
    fs.renameSync(path.join(dir, "lib/part-0/tmp.ts"), path.join(dir, "lib/part-0/file-4.ts"));
    fs.writeFileSync(path.join(dir, "lib/new.ts"), 'const m = "deepseek-chat";\n');
    fs.rmSync(path.join(dir, "lib/part-0/file-8.ts"));
    const warm = await check(dir, ["--cache"]);
    const ref = await plain(dir);
    expect(warm.doc).toEqual(ref.doc);
    const found = new Set((ref.doc as { findings: { file: string }[] }).findings.map((f) => f.file));
    for (const f of ["lib/part-0/file-9.py", "lib/part-0/file-4.ts", "lib/new.ts"]) expect(found).toContain(f);
    const recorded = layerPaths(dir);
    for (const f of ["lib/part-0/file-9.py", "lib/part-0/file-4.ts", "lib/new.ts", "lib/part-0/file-8.ts"]) expect(recorded).not.toContain(f);
  });

  // Alone: its run must start within RACY_MS of making the tree.
  it.sequential("files changed less than RACY_MS before the run are not recorded", async () => {
    const dir = tempTree({ ...MIXED, ...cleanFiles(8) });
    await check(dir, ["--cache"]);
    expect(layerPaths(dir)).toEqual([]);
  });

  it("a run over one folder keeps the lines of the others", async () => {
    const dir = trees.part;
    await check(dir, ["--cache"]);
    const before = layerPaths(dir);
    expect(before.some((p) => p.startsWith("lib/part-2/"))).toBe(true);
    fs.writeFileSync(path.join(dir, "lib/part-0/file-0.ts"), 'const m = "deepseek-chat";\n');
    const part = await check(dir, ["--cache", "lib/part-0"]);
    expect(part.doc).toEqual((await plain(dir, ["lib/part-0"])).doc);
    expect(layerPaths(dir)).toEqual(before.filter((p) => p !== "lib/part-0/file-0.ts"));
  });

  it(`a copy of the tree (every key new, more than ${STAT_SCAN_MAX} files) starts ripgrep and reports the same`, async () => {
    const dir = trees.copy;
    await check(dir, ["--cache"]);
    expect(layerPaths(dir).length).toBeGreaterThan(STAT_SCAN_MAX);
    const copy = copyTree(dir);
    const warm = await check(copy, ["--cache"]);
    expect(warm.rgStarts).toBe(1);
    expect(warm.doc).toEqual((await plain(copy)).doc);
  });
});

describe("pairLines", () => {
  it("finds exactly the walked paths that are lines, for paths sorted by UTF-16 code units", async () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    // (ASCII, two-byte, three-byte above the surrogates, and four-byte characters: the layer's UTF-8
    // bytes are compared in the order of UTF-16 code units; "Ã©" is the Latin-1 reading of the
    // bytes of "é", never its match.)
    const alphabet = ["a", "b", "-", ".", "/", "_", " ", "é", "Z", "0", "~", "\u{1F600}", "\uFF21", "\u4E2D", "Ã", "©"];
    for (let round = 0; round < 200; round++) {
      const all = new Set<string>();
      for (let i = 0; i < 30; i++) {
        let s = "";
        for (let k = 1 + rnd(6); k > 0; k--) s += alphabet[rnd(alphabet.length)];
        all.add(s);
      }
      const paths = [...all].sort();
      const walked = paths.filter(() => rnd(3) > 0);
      const lines = new Map(paths.filter(() => rnd(3) > 0).map((p) => [p, `k${p.length}`]));
      const text = formatLines(lines);
      const layer = Buffer.from(text);
      const got: string[] = [];
      // Each line's start (a byte offset), as the worker and the main thread number the lines.
      const starts = lineStarts(layer);
      expect([...starts]).toEqual(text === "" ? [] : text.split("\n").map((_, k, all) => Buffer.byteLength(all.slice(0, k).join("\n")) + (k > 0 ? 1 : 0)));
      pairLines(walked, layer, (i, line, ks, ke) => {
        expect(layer.toString("utf8", ks, ke)).toBe(lines.get(walked[i]!));
        expect(layer.toString("utf8", starts[line], ks - 1)).toBe(walked[i]);
        got.push(walked[i]!);
      });
      expect(got).toEqual(walked.filter((p) => lines.has(p)));
    }
    // The Latin-1 reading of a line's bytes is not its path: "Ã©" is not the line of "é".
    const found: string[] = [];
    pairLines(["Ã©", "é"], Buffer.from(formatLines(new Map([["é", "k1"]]))), (i) => found.push(["Ã©", "é"][i]!));
    expect(found).toEqual(["é"]);
  });
});
