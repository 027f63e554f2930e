/**
 * Hostile input (issue 6): every hostile file becomes a per-file status (finding, note or error)
 * with a message, the run goes on, the exit code says whether anything failed, and nothing ever
 * prints a stack trace. The files are generated here (a 20 MB file is not committed).
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockInfo } from "../src/core/clock-info.js";
import { scanFile } from "../src/core/scan-file.js";
import { defaultRules } from "../src/rules/defaults.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { encode } from "../src/core/text.js";
import { walk } from "../src/walk/walk.js";
import { cli } from "./helpers/cli.js";
import { assertNoCrash, digests, mkfifo, readTree, tempDir, tempFilesIn } from "./helpers/safety.js";

const DEPTH = 100_000;
const notebook = JSON.stringify(
  {
    cells: [{ cell_type: "code", metadata: {}, source: ['client.chat.completions.create(model="deepseek-chat", messages=[])\n'], outputs: [], execution_count: null }],
    metadata: { kernelspec: { name: "python3", language: "python", display_name: "Python 3" } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
);

/** name → bytes; every one of them contains a legacy ID. */
const HOSTILE: Record<string, string | Buffer> = {
  "deep.json": `{"model": "deepseek-chat", "x": ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}\n`,
  "deep-objects.json": `{"model": "deepseek-chat", "x": ${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}}\n`,
  "deep.py": `MODEL = "deepseek-chat"\nx = ${"(".repeat(DEPTH)}1${")".repeat(DEPTH)}\n`,
  "deep-lists.py": `MODEL = "deepseek-chat"\nx = ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`,
  "deep.js": `const cfg = { model: "deepseek-chat" };\nconst x = ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)};\n`,
  "deep-calls.ts": `const cfg = { model: "deepseek-chat" };\nconst x = ${"f(".repeat(DEPTH)}1${")".repeat(DEPTH)};\n`,
  "deep.yaml": `model: deepseek-chat\nx: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`,
  "deep-block.yaml": `model: deepseek-chat\n${Array.from({ length: 2000 }, (_, i) => " ".repeat(i) + "a:").join("\n")} 1\n`,
  "deep.toml": `model = "deepseek-chat"\nx = ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`,
  "deep.ipynb": notebook.replace('"nbformat": 4', `"deep": ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)},\n "nbformat": 4`),
  "nul.txt": Buffer.from("model: deepseek-chat\u0000\u0000binary\n"),
  "nul-late.js": Buffer.from(`// ${"x".repeat(9000)}\nconst a = "\u0000";\nconst cfg = { model: "deepseek-chat" };\n`),
  "invalid-utf8.py": Buffer.concat([Buffer.from('MODEL = "deepseek-chat"  # '), Buffer.from([0xff, 0xfe, 0x63, 0x61, 0x66, 0xe9, 0x0a])]),
  "overlong-utf8.ts": Buffer.concat([Buffer.from('const cfg = { model: "deepseek-chat" }; // '), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x0a])]),
  "surrogates.txt": encode("lone \uD800 high and \uDC00 low, deepseek-reasoner \uDBFF", "utf16le"),
  "surrogates-be.py": encode('MODEL = "deepseek-chat"  # \uDFFF\n', "utf16be"),
  "odd-utf16.txt": Buffer.concat([encode("deepseek-chat\n", "utf16le"), Buffer.from([0x41])]),
  "truncated.ipynb": notebook.slice(0, Math.floor(notebook.length * 0.6)),
  "truncated.yaml": 'model: "deepseek-chat\nnested: [1, 2,\n  - {a: ',
  "truncated.json": '{"model": "deepseek-chat", "messages": [{"role": ',
  "truncated.ts": 'const cfg = { model: "deepseek-chat", x: `unterminated ${',
  "truncated.py": 'client.chat.completions.create(model="deepseek-chat", messages=[{"role": """',
  "truncated.toml": 'model = "deepseek-chat"\n[table\nx = """',
  ".env": "DEEPSEEK_MODEL=deepseek-chat\nBROKEN='unterminated\n",
  "cr-only.py": 'MODEL = "deepseek-chat"\rOTHER = "deepseek-reasoner"\r',
  "deepseek-chat.py": 'MODEL = "deepseek-chat"\n',
  "many.txt": "deepseek-chat\n".repeat(20000),
};

let dir: string;
let outside: string;
let server: net.Server;
beforeAll(async () => {
  dir = tempDir("dsm-hostile-");
  outside = tempDir("dsm-outside-");
  for (const [name, body] of Object.entries(HOSTILE)) fs.writeFileSync(path.join(dir, name), body);
  fs.writeFileSync(path.join(outside, "target.py"), 'MODEL = "deepseek-chat"\n');
  fs.symlinkSync(path.join(outside, "target.py"), path.join(dir, "outside-link.py"));
  fs.symlinkSync(outside, path.join(dir, "outside-dir"));
  fs.symlinkSync("loop-b", path.join(dir, "loop-a"));
  fs.symlinkSync("loop-a", path.join(dir, "loop-b"));
  fs.symlinkSync("self", path.join(dir, "self"));
  mkfifo(path.join(dir, "pipe.py"));
  server = net.createServer();
  await new Promise<void>((resolve) => server.listen(path.join(dir, "socket.py"), resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const d of [dir, outside]) fs.rmSync(d, { recursive: true, force: true });
});

interface Report {
  findings: { file: string; fix: string }[];
  errors: { file: string; message: string }[];
  warnings: { file: string; message: string }[];
}
function report(args: string[]): { code: number | null; doc: Report; stderr: string } {
  const out = path.join(tempDir("dsm-report-"), "r.json");
  const r = cli([...args, "--format", "json", "-o", out], { cwd: dir });
  assertNoCrash(r.stdout + r.stderr);
  const doc = JSON.parse(fs.readFileSync(out, "utf8")) as Report;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return { code: r.code, doc, stderr: r.stderr };
}
const mentioned = (doc: Report) => new Set([...doc.findings, ...doc.errors, ...doc.warnings].map((x) => x.file));

describe("a folder of hostile files", () => {
  it("check: exit 1 (findings), every hostile entry has a status with a message, no stack trace", () => {
    const { code, doc, stderr } = report(["check"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const seen = mentioned(doc);
    const special = ["outside-link.py", "outside-dir", "loop-a", "loop-b", "self", "pipe.py", "socket.py"];
    for (const name of [...Object.keys(HOSTILE), ...special]) expect(seen.has(name), `${name} has no status`).toBe(true);
    const note = (file: string) => doc.warnings.filter((w) => w.file === file).map((w) => w.message).join(" | ");
    for (const l of ["outside-link.py", "outside-dir", "loop-a", "loop-b", "self"]) expect(note(l)).toBe("symbolic link (not followed)");
    expect(note("pipe.py")).toBe("not a regular file (a FIFO); skipped");
    expect(note("socket.py")).toBe("not a regular file (a socket); skipped");
    expect(note("nul.txt")).toBe("binary file");
    expect(note("odd-utf16.txt")).toBe("");
    // Files that do not parse are scanned lexically: their matches are reported, never safe.
    for (const f of ["truncated.ipynb", "truncated.yaml", "truncated.json", "truncated.ts", "truncated.py", "truncated.toml"]) {
      const fixes = doc.findings.filter((x) => x.file === f).map((x) => x.fix);
      expect(fixes.length, f).toBeGreaterThan(0);
      expect(fixes, f).not.toContain("safe");
    }
    expect(doc.findings.filter((f) => f.file === "many.txt")).toHaveLength(20000);
    expect(doc.errors).toEqual([]);
  });

  it("--write --unsafe-fixes: exit 1 (fixes it could not apply), links, FIFOs, sockets and their targets untouched, every written file differs only at the IDs", () => {
    const before = readTree(dir);
    const outsideBefore = readTree(outside);
    const { code, doc } = report(["--write", "--unsafe-fixes"]);
    // Files whose text would not re-encode keep their fixes reported, never written: --write
    // exits 1, as for any requested fix that is not on disk (docs/cli.md "What --write reports").
    expect(doc.warnings.some((w: { message: string }) => /does not re-encode to the same bytes; fixes reported, not applied/.test(w.message))).toBe(true);
    expect(code).toBe(1);
    expect(doc.errors).toEqual([]);
    expect(digests(readTree(outside))).toEqual(digests(outsideBefore));
    expect(fs.readlinkSync(path.join(dir, "outside-link.py"))).toBe(path.join(outside, "target.py"));
    expect(fs.readlinkSync(path.join(dir, "loop-a"))).toBe("loop-b");
    expect(fs.lstatSync(path.join(dir, "pipe.py")).isFIFO()).toBe(true);
    expect(fs.lstatSync(path.join(dir, "socket.py")).isSocket()).toBe(true);
    expect(tempFilesIn(dir)).toEqual([]);
    const after = readTree(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort()); // file names are never edited
    const ids = /deepseek-(?:chat|reasoner)/g;
    for (const [name, old] of before) {
      const now = after.get(name)!;
      if (now.equals(old)) continue;
      // Only an ID changed: map both back to a canonical form and compare every other byte.
      const canon = (b: Buffer) => b.toString("latin1").replace(ids, "ID").replaceAll("deepseek-v4-flash", "ID");
      const canon16 = (b: Buffer, enc: "utf16le" | "utf16be") => {
        const t = Buffer.from(b);
        if (enc === "utf16be") t.swap16();
        return t.toString("utf16le").replace(ids, "ID").replaceAll("deepseek-v4-flash", "ID");
      };
      if (name.startsWith("surrogates")) {
        const enc = name.endsWith(".py") ? "utf16be" : "utf16le";
        expect(canon16(now, enc), name).toBe(canon16(old, enc));
        expect(now.toString(enc === "utf16le" ? "utf16le" : "latin1").includes("deepseek-v4-flash") || Buffer.from(now).swap16().toString("utf16le").includes("deepseek-v4-flash"), name).toBe(true);
      } else {
        expect(canon(now), name).toBe(canon(old));
        expect(now.toString("latin1"), name).toContain("deepseek-v4-flash");
      }
    }
    // The binary file and the odd-length UTF-16 file (it cannot be re-encoded byte for byte) stay as they were.
    for (const name of ["nul.txt", "odd-utf16.txt"]) expect(after.get(name)!.equals(before.get(name)!), name).toBe(true);
    // A second run finds nothing more to write.
    const again = report(["--write", "--unsafe-fixes"]);
    expect(again.code).toBe(1); // the same fixes that could not be applied
    expect(again.doc.errors).toEqual([]);
    expect(digests(readTree(dir))).toEqual(digests(after));
  });

  it("a FIFO or a socket named on the command line is skipped, never opened", () => {
    const r = cli(["check", "pipe.py", "socket.py", "loop-a"], { cwd: dir });
    assertNoCrash(r.stdout + r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pipe\.py: not a regular file/);
    expect(r.stdout).toMatch(/socket\.py: not a regular file/);
    expect(r.stdout).toMatch(/loop-a: symbolic link \(not followed\)/);
  });
});

describe("files that change between the walk and the read", () => {
  const opts = { ruleset: makeRuleset(defaultRules("flash")), clock: clockInfo(new Date("2026-11-28T12:00:00Z")), unsafeFixes: true, maxFileSize: 5 * 1024 * 1024 };
  const within = <T>(p: Promise<T>, ms = 10_000) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`blocked for ${ms} ms`)), ms))]);

  it("vanished: an error; now a FIFO (never blocks), a folder or a symbolic link: skipped with a note", async () => {
    const d = tempDir();
    const out = tempDir();
    fs.writeFileSync(path.join(out, "secret.txt"), "deepseek-chat\n");
    for (const n of ["gone", "fifo", "folder", "link", "fine"]) fs.writeFileSync(path.join(d, `${n}.txt`), "deepseek-chat\n");
    const walked = walk({ cwd: d, paths: ["."], gitignore: true, include: [], exclude: [] });
    expect(walked.files.map((f) => f.rel)).toEqual(["fifo.txt", "fine.txt", "folder.txt", "gone.txt", "link.txt"]);
    fs.rmSync(path.join(d, "gone.txt"));
    fs.rmSync(path.join(d, "fifo.txt"));
    mkfifo(path.join(d, "fifo.txt"));
    fs.rmSync(path.join(d, "folder.txt"));
    fs.mkdirSync(path.join(d, "folder.txt"));
    fs.rmSync(path.join(d, "link.txt"));
    fs.symlinkSync(path.join(out, "secret.txt"), path.join(d, "link.txt"));
    const results = await within(Promise.all(walked.files.map((e) => scanFile(e.abs, e.rel, opts))));
    const by = Object.fromEntries(results.map((r) => [r.file, [r.status, r.message ?? ""]]));
    expect(by).toEqual({
      "fine.txt": ["ok", ""],
      "gone.txt": ["error", "cannot read: it vanished after the walk (ENOENT)"],
      "fifo.txt": ["skipped", "not a regular file (now a FIFO); skipped"],
      "folder.txt": ["skipped", "not a regular file (now a folder); skipped"],
      "link.txt": ["skipped", "not a regular file (now a symbolic link, not followed); skipped"],
    });
    fs.rmSync(d, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });
});

describe("a 20 MB one-line minified file", () => {
  let big: string;
  let bigDir: string;
  let text: string;
  beforeAll(() => {
    bigDir = tempDir("dsm-big-");
    const parts: string[] = [];
    let n = 0;
    for (let i = 0; n < 20 * 1024 * 1024; i++) {
      const p = i % 500 === 0 ? `var c${i}={model:"deepseek-chat",messages:[]};` : `function f${i}(a,b){return a*${i}+b}`;
      parts.push(p);
      n += p.length;
    }
    text = parts.join("");
    big = path.join(bigDir, "bundle.min.js");
    fs.writeFileSync(big, text);
  });
  afterAll(() => fs.rmSync(bigDir, { recursive: true, force: true }));

  it("is skipped with a note under the default 5 MB limit", () => {
    const r = cli(["check", "--no-color"], { cwd: bigDir });
    assertNoCrash(r.stdout + r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bundle\.min\.js: over the size limit \(\d+ > 5242880 bytes\); skipped \(raise --max-file-size to scan it\)/);
  });

  it("with --max-file-size 30MB it is scanned lexically (over the parse budget) and written in reasonable time", () => {
    const t0 = Date.now();
    const r = cli(["--write", "--unsafe-fixes", "--max-file-size", "30MB", "--no-color", "--quiet"], { cwd: bigDir });
    const ms = Date.now() - t0;
    assertNoCrash(r.stdout + r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 file scanned, \d+ findings \(0 safe, \d+ unsafe, 0 none\), 1 file written, 0 errors/);
    expect(fs.readFileSync(big, "utf8") === text.replaceAll("deepseek-chat", "deepseek-v4-flash")).toBe(true);
    expect(ms).toBeLessThan(60_000);
    console.log(`20 MB minified file: scanned and written in ${ms} ms`);
  });
});
