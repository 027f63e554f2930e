import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { adapter } from "../src/languages/python/adapter.js";
import { loadPythonParser, parsePython, pythonGrammarPath } from "../src/languages/python/parser.js";
import { insertItems } from "../src/languages/python/render.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultOptions, run } from "../src/core/run.js";
import type { Rule } from "../src/core/types.js";
import { FIXTURE_NOW, FIXTURES } from "./helpers/fixtures.js";
import { tempTree } from "./helpers/cli.js";

/** Behaviour of the Python adapter that fixture pairs cannot express. */

const ruleset = makeRuleset(defaultRules());
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function scan(text: string, rs = ruleset) {
  return adapter.scan({ path: "x.py", text, matches: findMatches(text, rs), ruleset: rs });
}

async function migrate(files: Record<string, string>, opts: { rules?: Rule[]; unsafeFixes?: boolean } = {}) {
  const dir = tempTree(files);
  dirs.push(dir);
  const result = await run(defaultOptions({ cwd: dir, paths: ["."], mode: "write", allowDirty: true, now: FIXTURE_NOW, ...opts }));
  const read = (rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
  return { result, read, dir };
}

function compiles(file: string): boolean {
  try {
    execFileSync("python3", ["-c", "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')", file], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

describe("python parser", () => {
  it("loads once per process, from the grammar wasm the package ships (or the dev package)", async () => {
    expect(fs.existsSync(pythonGrammarPath())).toBe(true);
    expect(pythonGrammarPath()).toMatch(/(?:grammars|tree-sitter-python)[\\/]tree-sitter-python\.wasm$/);
    const [a, b] = await Promise.all([loadPythonParser(), loadPythonParser()]);
    expect(a).toBe(b);
    expect(await loadPythonParser()).toBe(a);
  });

  it("node positions are UTF-16 indices into the parsed string (é, 😀, CJK before the node)", async () => {
    const text = `s = "é😀中"\nx = "deepseek-chat"\n`;
    const tree = await parsePython(text);
    try {
      const at = text.indexOf("deepseek-chat");
      const node = tree.rootNode.descendantForIndex(at, at + "deepseek-chat".length)!;
      expect(node.type).toBe("string_content");
      expect(node.startIndex).toBe(at);
      expect(node.text).toBe("deepseek-chat");
    } finally {
      tree.delete();
    }
  });
});

describe("python adapter", () => {
  it("classifies by the match's offset on non-ASCII text", async () => {
    const text = `# é 😀 中文\nlabel = "😀 deepseek-chat"\nMODEL = "deepseek-reasoner"  # 😀\n`;
    const out = await scan(text);
    expect(out.parseError).toBeUndefined();
    expect(out.sites.map((s) => [s.idStart, s.kind])).toEqual([
      [text.indexOf("deepseek-chat"), "other"],
      [text.indexOf("deepseek-reasoner"), "model"],
    ]);
  });

  it("deep nesting neither overflows nor slows down (bounded ancestor walk)", async () => {
    const n = 5000;
    const text = `MODELS = ${"[".repeat(n)}"deepseek-chat"${"]".repeat(n)}\nx = ${"(".repeat(n)}1${")".repeat(n)}\n`;
    const t0 = performance.now();
    const out = await scan(text);
    const ms = performance.now() - t0;
    expect(out.sites).toHaveLength(1);
    expect(["collection", "other"]).toContain(out.sites[0]!.kind);
    expect(ms).toBeLessThan(5000);
  });

  it("a syntax error gives parseError (lexical, never safe) and the file stays unchanged", async () => {
    const src = `client.chat.completions.create(model="deepseek-chat", messages=[]\nprint("x"\n`;
    const out = await scan(src);
    expect(out.parseError).toMatch(/^syntax error at line \d+/);
    const { result, read } = await migrate({ "broken.py": src });
    expect(result.findings.map((f) => f.fix)).toEqual(["unsafe"]);
    expect(result.warnings.some((w) => w.file === "broken.py" && /did not parse/.test(w.message))).toBe(true);
    expect(read("broken.py")).toBe(src);
  });

  it("decoys produce no findings at all", async () => {
    const text = fs.readFileSync(path.join(FIXTURES, "python", "decoys.input.py"), "utf8");
    expect(findMatches(text, ruleset)).toEqual([]);
    const { result } = await migrate({ "decoys.py": text });
    expect(result.findings).toEqual([]);
  });

  it("acceptance: reasoner call gets reasoning_effort and thinking enabled, chat call thinking disabled", async () => {
    const src = [
      "from openai import OpenAI",
      'client = OpenAI(base_url="https://api.deepseek.com")',
      'a = client.chat.completions.create(model="deepseek-reasoner", messages=[])',
      'b = client.chat.completions.create(model="deepseek-chat", messages=[])',
      "",
    ].join("\n");
    const { read, result, dir } = await migrate({ "app.py": src });
    const lines = read("app.py").split("\n");
    expect(lines[2]).toContain('reasoning_effort="high"');
    expect(lines[2]).toContain('extra_body={"thinking": {"type": "enabled"}}');
    expect(lines[3]).toContain('extra_body={"thinking": {"type": "disabled"}}');
    expect(lines[3]).not.toContain("reasoning_effort");
    expect(result.findings.map((f) => f.thinking)).toEqual(["added", "added"]);
    expect(compiles(path.join(dir, "app.py"))).toBe(true);
  });
});

describe("flags are rendered from the rule's data", () => {
  const custom: Rule[] = [
    {
      legacyId: "deepseek-chat",
      target: "deepseek-v4-flash",
      flags: { thinking: { type: "enabled" }, reasoning_effort: "max", stream_options: { include_usage: true }, logprobs: false, seed: null, n: 2 },
    },
    { legacyId: "deepseek-reasoner", target: "deepseek-v4-pro", flags: {} },
  ];

  it("SDK keywords as keywords, the rest in extra_body, JSON literals as Python (True/False/None)", async () => {
    const src = [
      'r = client.chat.completions.create(model="deepseek-chat", messages=[])',
      "body = {'model': 'deepseek-chat', 'messages': []}",
      'fim = client.completions.create(model="deepseek-chat", prompt="x")',
      "",
    ].join("\n");
    const { read, dir, result } = await migrate({ "app.py": src }, { rules: custom });
    const lines = read("app.py").split("\n");
    expect(lines[0]).toBe(
      'r = client.chat.completions.create(model="deepseek-v4-flash", messages=[], reasoning_effort="max", extra_body={"thinking": {"type": "enabled"}, "stream_options": {"include_usage": True}, "logprobs": False, "seed": None, "n": 2})',
    );
    expect(lines[1]).toBe(
      "body = {'model': 'deepseek-v4-flash', 'messages': [], 'thinking': {'type': 'enabled'}, 'reasoning_effort': 'max', 'stream_options': {'include_usage': True}, 'logprobs': False, 'seed': None, 'n': 2}",
    );
    // The fill-in-the-middle endpoint writes its own fixed value for the keys the rule sets.
    expect(lines[2]).toBe('fim = client.completions.create(model="deepseek-v4-flash", prompt="x", extra_body={"thinking": {"type": "disabled"}})');
    expect(result.findings.map((f) => f.thinking)).toEqual(["added", "added", "added"]);
    expect(compiles(path.join(dir, "app.py"))).toBe(true);
  });

  it("a rule without flags renames and adds nothing", async () => {
    const src = 'r = client.chat.completions.create(model="deepseek-reasoner", messages=[])\n';
    const { read, result } = await migrate({ "app.py": src }, { rules: custom });
    expect(read("app.py")).toBe('r = client.chat.completions.create(model="deepseek-v4-pro", messages=[])\n');
    expect(result.findings[0]!.thinking).toBe("not-applicable");
  });
});

describe("insertItems layout", () => {
  const span = (code: string, needle: string, from = 0) => {
    const i = code.indexOf(needle, from);
    return { startIndex: i, endIndex: i + needle.length };
  };
  const apply = (code: string, edits: { start: number; end: number; text: string }[]) =>
    [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), code);

  it("one per line, trailing comma, comment after the last element", () => {
    const code = "f(\n    a=1,\n    b=2,  # note\n)\n";
    const edits = insertItems(code, span(code, "("), span(code, "b=2"), span(code, ",", code.indexOf("b=2")), ["x=1", "y=2"]);
    expect(apply(code, edits)).toBe("f(\n    a=1,\n    b=2,  # note\n    x=1,\n    y=2,\n)\n");
  });

  it("one per line without trailing comma, comment after the last element", () => {
    const code = "f(\n\ta=1,\n\tb=2  # note\n)\n";
    const edits = insertItems(code, span(code, "("), span(code, "b=2"), undefined, ["x=1"]);
    expect(apply(code, edits)).toBe("f(\n\ta=1,\n\tb=2,  # note\n\tx=1\n)\n");
  });

  it("one-line call with trailing comma; empty container", () => {
    const code = "f(a, b,)";
    expect(apply(code, insertItems(code, span(code, "("), span(code, "b"), span(code, ",", 4), ["x=1"]))).toBe("f(a, b, x=1,)");
    const empty = "d = {}";
    expect(apply(empty, insertItems(empty, span(empty, "{"), undefined, undefined, ['"k": 1']))).toBe('d = {"k": 1}');
  });
});

describe("same-file name lookups (membership lists, Literal aliases)", () => {
  it("stay linear: thousands of distinct names scan quickly and are each classified", async () => {
    const source = (n: number) => {
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        lines.push(`MODELS_${i} = ["deepseek-chat", "gpt-4o"]`);
        if (i % 2 === 0) lines.push(`def uses_${i}(m): return m in MODELS_${i}`);
        lines.push(`Model_${i} = Literal["deepseek-chat", "deepseek-reasoner"]`);
        lines.push(`value_${i}: Model_${i} = "deepseek-chat"`);
      }
      return lines.join("\n") + "\n";
    };
    // CPU time of this process, not wall time: the scan runs on this thread, and other work on the
    // machine (the suite's other worker, anything else) stretches the wall clock, not this.
    const timed = async (text: string) => {
      const c0 = process.cpuUsage();
      const out = await scan(text);
      const c = process.cpuUsage(c0);
      return { out, ms: (c.user + c.system) / 1000 };
    };
    await scan(source(200)); // warm the parser and the adapter
    const small = await timed(source(1000));
    const n = 5000;
    const text = source(n);
    const { out, ms } = await timed(text);
    const kinds = (prefix: string) => {
      const counts: Record<string, number> = {};
      for (const s of out.sites) {
        const line = text.slice(text.lastIndexOf("\n", s.idStart) + 1, s.idStart);
        if (line.startsWith(prefix)) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
      }
      return counts;
    };
    expect(kinds("MODELS_")).toEqual({ comparison: n / 2, collection: n / 2 });
    expect(kinds("value_")).toEqual({ collection: n });
    expect(out.sites.filter((s) => s.position === "python/literal-typed").length).toBe(n);
    // Five times the names: about five times the work when each lookup is linear, 25 times when
    // every name is compared with every other.
    expect(ms / Math.max(small.ms, 1), `${n} names: ${ms.toFixed(0)} ms of CPU, 1000 names: ${small.ms.toFixed(0)} ms`).toBeLessThan(12);
    expect(ms).toBeLessThan(8000);
  });
});
