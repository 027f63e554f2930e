/**
 * Property-based tests (fast-check), issue 6:
 * (1) applying any set of non-overlapping edits changes no byte outside them (also through
 *     decode → edit → encode, for every encoding);
 * (2) migrate(migrate(x)) == migrate(x) for generated Python/TS/JSON/YAML files with legacy IDs
 *     in random positions (and valid JSON/YAML stays valid);
 * (3) random mutations of every fixture never make a scan throw or fail, and a fix applied to a
 *     mutated file leaves nothing more to fix;
 * (4) a dry run (and `check`) leaves every file's bytes, mode, mtime and ctime unchanged.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { applyPatch } from "diff";
import { afterAll, describe, expect, it } from "vitest";
import { clockInfo } from "../src/core/clock-info.js";
import { scanFile, type ScanFileOptions } from "../src/core/scan-file.js";
import { applyEditGroups, applyEdits } from "../src/fix/apply.js";
import { alignedPatch, unifiedDiff } from "../src/fix/diff.js";
import { defaultRules } from "../src/rules/defaults.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultOptions, run } from "../src/core/run.js";
import { encode } from "../src/core/text.js";
import type { Edit, Encoding } from "../src/core/types.js";
import { cliAsync } from "./helpers/cli.js";
import { FIXTURES } from "./helpers/fixtures.js";
import { statTree, tempDir } from "./helpers/safety.js";

const NOW = new Date("2026-11-28T12:00:00Z");
/** FC_SEED replays a run; FC_RUNS multiplies the number of runs (for a deeper search than npm test's). */
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const SCALE = process.env.FC_RUNS ? Math.max(1, Number(process.env.FC_RUNS)) : 1;
const params = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * SCALE), ...(SEED !== undefined ? { seed: SEED } : {}) });
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function freshDir(): string {
  const d = tempDir("dsm-prop-");
  dirs.push(d);
  return d;
}
const scanOpts = (unsafeFixes: boolean, reasonerTarget: "flash" | "pro" = "flash"): ScanFileOptions => ({
  ruleset: makeRuleset(defaultRules(reasonerTarget)),
  clock: clockInfo(NOW),
  unsafeFixes,
  maxFileSize: 5 * 1024 * 1024,
});

/** Text with any UTF-16 code units, lone surrogates included. Files named *.dsmt have no adapter: plain lexical scan. */
const anyText = fc.string({ unit: "binary", maxLength: 60 });

describe("(1) edits change no byte outside them", () => {
  /** A text and non-overlapping edits on it (insertions included, several at one point excluded). */
  const textWithEdits = anyText.chain((text) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 })
      .chain((cuts) => {
        const pts = [...cuts].sort((a, b) => a - b);
        const spans: [number, number][] = [];
        for (let i = 0; i + 1 < pts.length; i += 2) spans.push([pts[i]!, pts[i + 1]!]);
        return fc.tuple(fc.constant(spans), fc.array(anyText, { minLength: spans.length, maxLength: spans.length }));
      })
      .map(([spans, texts]) => ({ text, edits: spans.map(([start, end], i) => ({ start, end, text: texts[i]! })) })),
  );

  /** Walk the output: every gap between edits is the original text, every edit its new text. */
  function expectOnlyEditsChanged(text: string, edits: Edit[], out: string): void {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    let pos = 0;
    let at = 0;
    for (const e of sorted) {
      expect(out.slice(at, at + (e.start - pos))).toBe(text.slice(pos, e.start));
      at += e.start - pos;
      expect(out.slice(at, at + e.text.length)).toBe(e.text);
      at += e.text.length;
      pos = e.end;
    }
    expect(out.slice(at)).toBe(text.slice(pos));
  }

  it("applyEdits", () => {
    fc.assert(
      fc.property(textWithEdits, ({ text, edits }) => expectOnlyEditsChanged(text, edits, applyEdits(text, edits))),
      params(500),
    );
  });

  it("applyEditGroups: groups are all or nothing, accepted edits never overlap, nothing else changes", () => {
    const groups = anyText.chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(
          fc.array(
            fc
              .tuple(fc.integer({ min: 0, max: text.length }), fc.integer({ min: 0, max: 4 }), fc.string({ maxLength: 5 }))
              .map(([s, len, t]) => ({ start: s, end: Math.min(text.length, s + len), text: t })),
            { minLength: 1, maxLength: 3 },
          ),
          { maxLength: 6 },
        ),
      ),
    );
    fc.assert(
      fc.property(groups, ([text, gs]) => {
        const { text: out, applied } = applyEditGroups(text, gs);
        const accepted: Edit[] = [];
        gs.forEach((g, i) => {
          if (!applied[i]) return;
          for (const e of g) if (!accepted.some((a) => a.start === e.start && a.end === e.end && a.text === e.text)) accepted.push(e);
        });
        for (let i = 0; i < accepted.length; i++)
          for (let j = i + 1; j < accepted.length; j++) {
            const a = accepted[i]!;
            const b = accepted[j]!;
            const overlap = a.start === a.end && b.start === b.end ? a.start === b.start : a.start < b.end && b.start < a.end;
            expect(overlap).toBe(false);
          }
        expectOnlyEditsChanged(text, accepted, out);
      }),
      params(500),
    );
  });

  it("through decode → rename → encode: random bytes around the IDs (UTF-8, Latin-1, BOM, UTF-16 LE/BE with lone surrogates)", async () => {
    const d = freshDir();
    const ids = ["deepseek-chat", "deepseek-reasoner"] as const;
    // Filler never contains NUL (a NUL in the first 8 KiB makes a file binary); the spaces around
    // it keep every ID a whole token without a provider prefix.
    const bytes8 = fc.uint8Array({ min: 1, max: 255, maxLength: 40 }).map((u) => Buffer.concat([Buffer.from(" "), Buffer.from(u), Buffer.from(" ")]));
    const units = fc.array(fc.integer({ min: 1, max: 0xffff }), { maxLength: 30 }).map((cs) => ` ${String.fromCharCode(...cs)} `);
    const family = fc.constantFrom("8bit", "8bit-bom", "utf16le", "utf16be");
    const doc = fc.tuple(fc.array(fc.tuple(fc.tuple(bytes8, units), fc.constantFrom(...ids)), { minLength: 1, maxLength: 6 }), fc.tuple(bytes8, units));
    await fc.assert(
      fc.asyncProperty(family, doc, async (fam, [parts, [tail8, tail16]]) => {
        // The file's bytes, and the same bytes with every ID replaced, built piece by piece.
        const piece = (f8: Buffer, f16: string): Buffer => (fam.startsWith("8bit") ? f8 : encode(f16, fam as Encoding).subarray(2));
        const id = (s: string): Buffer => (fam.startsWith("8bit") ? Buffer.from(s) : encode(s, fam as Encoding).subarray(2));
        const bom = fam === "8bit-bom" ? Buffer.from([0xef, 0xbb, 0xbf]) : fam === "utf16le" ? Buffer.from([0xff, 0xfe]) : fam === "utf16be" ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0);
        const build = (rename: boolean) =>
          Buffer.concat([bom, ...parts.flatMap(([[f8, f16], i]) => [piece(f8, f16), id(rename ? "deepseek-v4-flash" : i)]), piece(tail8, tail16)]);
        const before = build(false);
        const file = path.join(d, "f.dsmt");
        fs.writeFileSync(file, before);
        const r = await scanFile(file, "f.dsmt", scanOpts(true));
        expect(r.status).toBe("ok");
        expect(r.findings).toHaveLength(parts.length);
        if (r.fixed === undefined) {
          // Only a UTF-8 byte-order mark followed by invalid UTF-8 cannot be re-encoded as it was:
          // then the findings are reported and nothing is written.
          expect(fam).toBe("8bit-bom");
          expect(r.warnings.join(" ")).toMatch(/does not re-encode to the same bytes/);
          return;
        }
        expect(encode(r.fixed, r.encoding!).equals(build(true))).toBe(true);
      }),
      params(400),
    );
  });

  it("unified diffs (jsdiff and the bounded aligned diff) apply back to the new text", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "model: deepseek-chat", "x\r", "", "  thinking"), { maxLength: 14 });
    const side = fc.tuple(lines, fc.boolean()).map(([l, nl]) => l.join("\n") + (nl ? "\n" : ""));
    fc.assert(
      fc.property(side, side, (before, after) => {
        if (before === after) return;
        const d = unifiedDiff("f", before, after);
        expect(applyPatch(before, d.slice(d.indexOf("--- ")))).toBe(after);
        expect(applyPatch(before, alignedPatch("a/f", "b/f", before, after))).toBe(after);
      }),
      params(1000),
    );
  });
});

describe("(2) migrate(migrate(x)) == migrate(x)", () => {
  const legacy = fc.constantFrom("deepseek-chat", "deepseek-reasoner", "deepseek/deepseek-chat", "deepseek:deepseek-reasoner", "openrouter/deepseek/deepseek-chat");
  const ident = fc.constantFrom("model", "MODEL", "chat_model", "name", "default", "items", "x", "deepseek_chat", "modelName");

  const py = fc
    .array(
      fc.oneof(
        fc.tuple(ident, legacy).map(([k, v]) => `${k} = "${v}"`),
        legacy.map((v) => `client.chat.completions.create(model="${v}", messages=[])`),
        legacy.map((v) => `resp = client.chat.completions.create(\n    model="${v}",\n    messages=msgs,\n    extra_body={"x": 1},\n)`),
        legacy.map((v) => `llm = ChatOpenAI(model="${v}", reasoning_effort="medium")`),
        fc.tuple(legacy, legacy).map(([a, b]) => `if model == "${a}" or model in ("${b}",):\n    pass`),
        fc.tuple(legacy, legacy).map(([a, b]) => `MODELS = ["${a}", "${b}"]`),
        fc.tuple(legacy, legacy).map(([a, b]) => `PRICES = {"${a}": 1, "${b}": 2}`),
        legacy.map((v) => `body = {"model": "${v}", "messages": []}`),
        legacy.map((v) => `# uses ${v} here`),
        legacy.map((v) => `x = os.getenv("MODEL", "${v}")`),
        legacy.map((v) => `s = f"{a} ${v} {b}"  # deepseek-migrate-ignore`),
        legacy.map((v) => `"""Docstring with ${v}."""`),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((ls) => ls.join("\n") + "\n");

  const ts = fc
    .array(
      fc.oneof(
        fc.tuple(ident, legacy).map(([k, v]) => `const ${k}_${Math.abs(k.length)} = "${v}";`),
        legacy.map((v) => `await client.chat.completions.create({ model: "${v}", messages: [] });`),
        legacy.map((v) => `const r = await openai.chat.completions.create({\n  model: "${v}",\n  messages,\n});`),
        legacy.map((v) => `fetch(url, { body: JSON.stringify({ model: '${v}', messages: [] }) });`),
        fc.tuple(legacy, legacy).map(([a, b]) => `if (m === "${a}" || m !== '${b}') {}`),
        fc.tuple(legacy, legacy).map(([a, b]) => `export const MODELS = ["${a}", "${b}"] as const;`),
        fc.tuple(legacy, legacy).map(([a, b]) => `type M = "${a}" | "${b}";`),
        legacy.map((v) => `// ${v} is retired`),
        legacy.map((v) => `const m = process.env.MODEL ?? "${v}";`),
        legacy.map((v) => `const el = <Model name="${v}" />;`.replace("<Model", "null && (<Model").replace("/>;", "/>);")),
        legacy.map((v) => `const t = \`prefix \${x} ${v}\`;`),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((ls) => ls.join("\n") + "\n");

  const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, legacy, fc.integer(), fc.constant(null), tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 4 }),
    object: fc.dictionary(fc.oneof(ident, legacy, fc.constantFrom("messages", "choices", "usage", "object")), tie("value"), { maxKeys: 4 }),
  })).value;
  const json = fc.tuple(fc.dictionary(fc.oneof(ident, fc.constant("messages")), jsonValue, { minKeys: 1, maxKeys: 5 }), fc.constantFrom(0, 2, "\t")).map(([o, indent]) => JSON.stringify(o, null, indent) + "\n");

  const yamlDoc = fc
    .array(
      fc.oneof(
        fc.tuple(ident, legacy).map(([k, v]) => `${k}: ${v}`),
        fc.tuple(ident, legacy).map(([k, v]) => `${k}: "${v}"`),
        fc.tuple(ident, legacy, legacy).map(([k, a, b]) => `${k}:\n  - ${a}\n  - '${b}'`),
        fc.tuple(ident, legacy).map(([k, v]) => `${k}:\n  model: ${v}\n  temperature: 0`),
        fc.tuple(ident, legacy, legacy).map(([k, a, b]) => `${k}: [${a}, "${b}"]`),
        legacy.map((v) => `# ${v}`),
        legacy.map((v) => `prompt: |\n  Use ${v} please`),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((ls) => {
      const seen = new Set<string>();
      return ls.filter((l) => !seen.has(l.split(":")[0]!) && seen.add(l.split(":")[0]!)).join("\n") + "\n";
    });

  const cases: [string, string, fc.Arbitrary<string>, ((s: string) => unknown) | undefined][] = [
    ["Python", "app.py", py, undefined],
    ["TypeScript", "app.tsx", ts, undefined],
    ["JSON", "config.json", json, (s) => JSON.parse(s)],
    ["YAML", "config.yaml", yamlDoc, (s) => parseYaml(s)],
  ];

  async function migrateOnce(dir: string, name: string, unsafeFixes: boolean, reasonerTarget: "flash" | "pro") {
    const r = await run(defaultOptions({ cwd: dir, paths: [name], mode: "write", allowDirty: true, now: NOW, unsafeFixes, reasonerTarget }));
    return { r, bytes: fs.readFileSync(path.join(dir, name)) };
  }

  for (const [label, name, gen, validate] of cases) {
    it(`${label}: a second run changes nothing${validate ? "; valid input stays valid" : ""}`, async () => {
      const d = freshDir();
      const seen = { safe: 0, flags: 0 };
      await fc.assert(
        fc.asyncProperty(gen, fc.boolean(), fc.constantFrom<"flash" | "pro">("flash", "pro"), async (src, unsafeFixes, target) => {
          fs.writeFileSync(path.join(d, name), src);
          const first = await migrateOnce(d, name, unsafeFixes, target);
          expect(first.r.errors).toEqual([]);
          if (first.r.findings.some((f) => f.fix === "safe")) seen.safe++;
          if (first.r.findings.some((f) => f.thinking === "added")) seen.flags++;
          const second = await migrateOnce(d, name, unsafeFixes, target);
          expect(second.r.errors).toEqual([]);
          expect(second.r.written).toEqual([]);
          expect(second.bytes.toString()).toBe(first.bytes.toString());
          if (validate) {
            let valid = true;
            try {
              validate(src);
            } catch {
              valid = false;
            }
            if (valid) expect(() => validate(first.bytes.toString())).not.toThrow();
          }
        }),
        params(40),
      );
      // The generated files reach the language adapters (a lexical-only scan would make no safe fix).
      expect(seen.safe).toBeGreaterThan(0);
      if (label === "Python" || label === "TypeScript") expect(seen.flags).toBeGreaterThan(0);
    });
  }
});

describe("(3) random mutations of the fixtures never throw", () => {
  const inputs: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && (/(^|\.)input(\.|$)/.test(e.name) || p.includes(`${path.sep}sample-app${path.sep}`))) inputs.push(p);
    }
  };
  visit(FIXTURES);
  const TOKENS = ["{", "}", "[", "]", "(", ")", '"', "'", '"""', "`", "${", "\\", "\n", "\r\n", "\r", "\t", "\0", "\uFEFF", "\uD800", "🚀", "#", "//", "/*", "*/", "<!--", "-->", ":", ",", "=", "- ", "---\n", "deepseek-chat", "deepseek-reasoner", "model=", '"model": ', "model: ", "deepseek-migrate-ignore", "extra_body={", "thinking", "messages"];
  const mutation = fc.oneof(
    fc.record({ op: fc.constant("insert" as const), at: fc.nat(), s: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: "binary", maxLength: 8 })) }),
    fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
    fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
  function mutate(text: string, ms: Mutation[]): string {
    let t = text;
    for (const m of ms) {
      const at = t.length ? m.at % (t.length + 1) : 0;
      if (m.op === "insert") t = t.slice(0, at) + m.s + t.slice(at);
      else if (m.op === "delete") t = t.slice(0, at) + t.slice(at + m.len);
      else if (m.op === "duplicate") t = t.slice(0, at + m.len) + t.slice(at, at + m.len) + t.slice(at + m.len);
      else t = t.slice(0, at);
    }
    return t;
  }

  it(`has fixtures to mutate (${inputs.length})`, () => expect(inputs.length).toBeGreaterThan(0));

  it("every fixture, mutated: the scan returns a status (never throws, never an internal error); a second pass over the fixed text has nothing left", async () => {
    const d = freshDir();
    const failures: string[] = [];
    for (const input of inputs) {
      const scanName = path.basename(input).replace(/(^|\.)input(?=\.|$)/, "") || "file";
      const original = fs.readFileSync(input, "utf8");
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), async (ms, unsafe) => {
          const text = mutate(original, ms);
          const file = path.join(d, scanName);
          fs.writeFileSync(file, text);
          const r = await scanFile(file, scanName, scanOpts(unsafe));
          expect(["ok", "skipped"]).toContain(r.status);
          if (r.fixed === undefined) return;
          // The fixed text, scanned again, has no fix left to apply (idempotence on mutated input).
          fs.writeFileSync(file, encode(r.fixed, r.encoding!));
          const again = await scanFile(file, scanName, scanOpts(unsafe));
          expect(["ok", "skipped"]).toContain(again.status);
          if (again.fixed !== undefined && again.fixed !== r.fixed)
            failures.push(`${path.relative(FIXTURES, input)}: not idempotent after ${JSON.stringify(ms)} (unsafe=${unsafe})`);
        }),
        params(4),
      );
    }
    expect(failures).toEqual([]);
  }, 240_000 * SCALE); // FC_RUNS searches deeper, for longer
});

describe("(4) a dry run leaves every file's bytes and times unchanged", () => {
  const file = fc.tuple(
    fc.constantFrom("a.py", "b.ts", "c.json", "d.yaml", ".env", "e.md", "f.txt", "g.ipynb", "h.toml"),
    fc.constantFrom('x = "deepseek-chat"\n', '{"model": "deepseek-reasoner"}\n', "model: deepseek-chat\n", "DEEPSEEK_MODEL=deepseek-chat\n", "no id here\n"),
  );
  it("dry run and check, in-process", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(file, { selector: ([n]) => n, minLength: 1, maxLength: 6 }), fc.boolean(), async (files, unsafeFixes) => {
        const d = freshDir();
        for (const [n, body] of files) fs.writeFileSync(path.join(d, n), body);
        fs.chmodSync(path.join(d, files[0]![0]), 0o751);
        const before = statTree(d);
        await new Promise((r) => setTimeout(r, 2)); // a write now would get a later time stamp
        for (const mode of ["dry-run", "check"] as const) await run(defaultOptions({ cwd: d, mode, now: NOW, unsafeFixes }));
        expect(statTree(d)).toEqual(before);
      }),
      params(25),
    );
  });

  it("the CLI's dry run, check and every format over a copy of the sample app", async () => {
    const d = freshDir();
    fs.cpSync(path.join(FIXTURES, "sample-app"), d, { recursive: true });
    const before = statTree(d);
    // All at once: none of them may write. Each mode (dry run, with unsafe fixes, check) and each
    // format in at least one run: whether a run writes depends on its mode, not on its format.
    const runs = await Promise.all(
      [[], ["--unsafe-fixes", "--format", "json"], ["check", "--format", "sarif"], ["--format", "markdown"], ["check", "--format", "github"]].map((args) => cliAsync(args, { cwd: d })),
    );
    for (const r of runs) expect([0, 1]).toContain(r.code);
    expect(statTree(d)).toEqual(before);
  });
});
