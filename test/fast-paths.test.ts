/**
 * Fast paths that must not change a result:
 * - ASCII bytes are decoded as Latin-1 (the same string as UTF-8 decoding, much cheaper): the
 *   decode of every buffer must equal the UTF-8-or-Latin-1 reference, and a source read for the
 *   compiler must equal readFileSync(file, "utf8").
 * - An --include/--exclude pattern without glob characters is compared as a string: the same
 *   answers as picomatch on every walked path; so is a configuration's glob rebased onto a
 *   subfolder and an .editorconfig section (globTest), whose other globs are compiled once.
 * - `check` makes a file's diff only when a report reads it: the json, markdown and html reports
 *   carry the same diffs as a dry run's. Nor does it keep a copy of a fixed file's bytes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSource } from "../src/engine/code-cache.js";
import { decode } from "../src/core/text.js";
import picomatch from "picomatch";
import { globMatcher } from "../src/walk/walk.js";
import { globTest } from "../src/walk/globs.js";
import { cliAsync, tempTree } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";
import { formatReport, scan } from "../src/index.js";
import { fixtureCases } from "./helpers/fixtures.js";

const fatal = new TextDecoder("utf-8", { fatal: true });
/** decode() without the ASCII fast path, for the bytes without a byte-order mark. */
function reference(buf: Buffer): { text: string; encoding: string } {
  try {
    return { text: fatal.decode(buf), encoding: "utf8" };
  } catch {
    return { text: buf.toString("latin1"), encoding: "latin1" };
  }
}
const noBom = (b: Uint8Array) => !(b[0] === 0xef || b[0] === 0xff || b[0] === 0xfe);

describe("ASCII fast path of decoding", () => {
  it("equals UTF-8 (or Latin-1) decoding on ASCII, UTF-8 and arbitrary bytes", () => {
    const cases = [
      fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) }).map((s) => Buffer.from(s, "latin1")),
      fc.string({ unit: "grapheme" }).map((s) => Buffer.from(s, "utf8")),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    ];
    for (const arb of cases) {
      fc.assert(
        fc.property(arb.filter(noBom), (buf) => {
          const got = decode(buf);
          expect(got).toEqual(reference(buf));
        }),
        { numRuns: 400 },
      );
    }
    expect(decode(Buffer.from('model = "deepseek-chat"\n'))).toEqual({ text: 'model = "deepseek-chat"\n', encoding: "utf8" });
    expect(decode(Buffer.alloc(0))).toEqual({ text: "", encoding: "utf8" });
    expect(decode(Buffer.from([0x61, 0xe9])).encoding).toBe("latin1");
  });

  it("a source read for the compiler equals its UTF-8 text (ASCII or not)", () => {
    const ts = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "node_modules", "typescript", "lib", "typescript.js");
    expect(readSource(ts)).toBe(fs.readFileSync(ts, "utf8"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-src-"));
    try {
      const f = path.join(dir, "x.js");
      fs.writeFileSync(f, "const s = 'é – 字 😀';\n");
      expect(readSource(f)).toBe(fs.readFileSync(f, "utf8"));
      fs.writeFileSync(f, "const s = 'ascii';\n");
      expect(readSource(f)).toBe(fs.readFileSync(f, "utf8"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("literal --include/--exclude patterns", () => {
  /** The matcher before the fast path: picomatch on the name, then on the whole path. */
  const reference = (p: string) => {
    const clean = p.replace(/^\.\//, "").replace(/\/$/, "");
    const m = picomatch(clean, { dot: true });
    return clean.includes("/") ? (rel: string) => m(rel) : (rel: string) => m(rel.slice(rel.lastIndexOf("/") + 1)) || m(rel);
  };
  it("match what picomatch matches", () => {
    const seg = fc.constantFrom("a", "b", "src", "a.json", "deepseek-migrate.config.json", "x_y", "A", "a.b.c", "-a", "1");
    const rel = fc.array(seg, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));
    const pattern = fc.oneof(
      fc.array(seg, { minLength: 1, maxLength: 3 }).map((s) => s.join("/")),
      fc.tuple(fc.constantFrom("./", ""), seg, fc.constantFrom("/", "")).map(([a, b, c]) => a + b + c),
    );
    fc.assert(
      fc.property(pattern, fc.array(rel, { minLength: 1, maxLength: 8 }), (p, rels) => {
        const fast = globMatcher([p])!;
        const ref = reference(p);
        for (const r of rels) expect(fast(r), `${p} on ${r}`).toBe(ref(r));
        expect(fast(p.replace(/^\.\//, "").replace(/\/$/, ""))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("globTest answers as picomatch, for plain and glob patterns alike, compiled once or not", () => {
    const part = fc.constantFrom("a", "b", "src", ".git", "a.json", "x_y", "A", "-a", "1", "*", "**", "?", "*.json", "[ab]", "{a,b}", "!(a)", "+(a)", "@(b)", "a\\*", "x.*");
    const glob = fc.array(part, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
    const str = fc.array(fc.constantFrom("a", "b", "src", ".git", "a.json", "x_y", "A", "-a", "1", "*", "ab", "x.y"), { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
    fc.assert(
      fc.property(glob, fc.array(str, { minLength: 1, maxLength: 6 }), (g, ss) => {
        const ref = picomatch(g, { dot: true });
        // Twice: the first call may compile, the second takes the compiled matcher.
        for (const s of [...ss, g, ...ss]) expect(globTest(g, s), `${g} on ${s}`).toBe(ref(s));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("check: diffs made when a report reads them", () => {
  it("json, markdown and html carry the dry run's diffs; pretty shows none", async () => {
    // The inputs of two kinds' fixture cases (Python and YAML): enough files with fixes (and a bit
    // of every report) for report plumbing that is the same for every kind, in a fraction of the
    // whole folder's time.
    const dir = tempTree(Object.fromEntries(fixtureCases().filter((c) => c.kind === "python" || c.kind === "yaml").map((c) => [`${c.kind}/${c.inputName}`, fs.readFileSync(c.input)])));
    // (Reports to files: they are larger than a pipe's default buffer.)
    const reportsDir = tempDir("dsm-reports-");
    let reports = 0;
    const report = async (args: string[]) => {
      const out = path.join(reportsDir, `report-${++reports}`);
      await cliAsync([...args, "-o", out, "."], { cwd: dir });
      const text = fs.readFileSync(out, "utf8");
      fs.rmSync(out);
      return text;
    };
    // Six read-only runs over one tree, side by side.
    const [dryJson, checkJson, md, dryMd, html, pretty] = await Promise.all([
      report(["--format", "json"]),
      report(["check", "--format", "json"]),
      report(["check", "--format", "markdown"]),
      report(["--format", "markdown"]),
      report(["check", "--format", "html"]),
      report(["check", "--no-color"]),
    ]);
    const dry = JSON.parse(dryJson) as { files: { file: string; diff: string }[]; findings: unknown[] };
    const check = JSON.parse(checkJson) as typeof dry;
    expect(dry.files.length).toBeGreaterThan(20);
    expect(check.files).toEqual(dry.files);
    expect(check.findings).toEqual(dry.findings);
    // markdown counts the files that would change; html shows every diff.
    const changed = (t: string) => t.split("\n").filter((l) => /change/i.test(l));
    expect(changed(md).length).toBeGreaterThan(0);
    expect(changed(md)).toEqual(changed(dryMd).map((l) => l));
    for (const f of dry.files.slice(0, 5)) expect(html).toContain(f.diff.split("\n").find((l) => l.startsWith("@@"))!.split(" @@")[0]);
    expect(pretty).toMatch(/files? scanned, \d+ findings?/);
    expect(pretty).not.toContain("would change");
  }, 300_000);

  it("a check's text report makes no diff (the JSON report makes each once)", async () => {
    const dir = tempTree({ "a.py": 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\nclient.chat.completions.create(model="deepseek-chat", messages=[])\n' });
    const result = await scan({ cwd: dir, mode: "check", config: false, now: "2026-11-28T12:00:00Z" });
    let made = 0;
    for (const f of result.files) {
      const lazy = Object.getOwnPropertyDescriptor(f, "diff");
      expect(lazy?.get).toBeTypeOf("function");
      Object.defineProperty(f, "diff", { configurable: true, enumerable: true, get: () => (made++, lazy!.get!.call(f)) });
    }
    expect(result.files.length).toBe(1);
    expect(formatReport(result, "pretty")).toContain("deepseek-chat");
    expect(made).toBe(0);
    expect(formatReport(result, "json")).toContain("+++ b/a.py");
    expect(made).toBe(1);
    // Nor does a check keep a copy of a fixed file's bytes (only a write compares against them).
    expect(result.files[0]!.original).toBeUndefined();
    expect(result.files[0]!.fixed).toContain("deepseek-v4-flash");
    const dry = await scan({ cwd: dir, config: false, now: "2026-11-28T12:00:00Z" });
    expect(dry.files[0]!.original?.toString("utf8")).toBe(fs.readFileSync(path.join(dir, "a.py"), "utf8"));
  });
});
