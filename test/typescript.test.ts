import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { adapter } from "../src/languages/typescript/adapter.js";
import { MAX_PARSE_CHARS } from "../src/languages/typescript/data.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultOptions, run } from "../src/core/run.js";
import type { Rule } from "../src/core/types.js";
import { FIXTURE_NOW, ROOT } from "./helpers/fixtures.js";
import { tempTree } from "./helpers/cli.js";

/** Behaviour of the TypeScript/JavaScript adapter that fixture pairs cannot express. */

const ruleset = makeRuleset(defaultRules());
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function scan(text: string, file = "x.ts") {
  return adapter.scan({ path: file, text, matches: findMatches(text, ruleset), ruleset });
}

async function migrate(files: Record<string, string>, opts: { rules?: Rule[] } = {}) {
  const dir = tempTree(files);
  dirs.push(dir);
  const result = await run(defaultOptions({ cwd: dir, paths: ["."], mode: "write", allowDirty: true, now: FIXTURE_NOW, ...opts }));
  const read = (rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
  return { result, read };
}

describe("typescript adapter: files it cannot parse", () => {
  it("a syntax error gives a parse warning and lexical findings, never safe, file unchanged", async () => {
    const src = `export const model = "deepseek-chat";\nexport function f( {\n  return { model: "deepseek-reasoner" ;\n}\n`;
    const { result, read } = await migrate({ "broken.ts": src });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => f.fix)).toEqual(["unsafe", "unsafe"]);
    const warning = result.warnings.find((w) => w.file === "broken.ts");
    expect(warning?.message).toMatch(/did not parse \(line \d+: .+\); matches reported lexically/);
    expect(read("broken.ts")).toBe(src);
  });

  it("input nested deeper than the parser's stack returns a parse error instead of throwing", async () => {
    const n = 5000;
    const text = `export const model = ${"[".repeat(n)}"deepseek-chat"${"]".repeat(n)};\n`;
    const out = await scan(text);
    expect(out.parseError).toBe("too deeply nested to parse");
    expect(out.sites).toEqual([]);
    // …and the engine still reports the match.
    const { result, read } = await migrate({ "deep.ts": text });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.fix).toBe("unsafe");
    expect(read("deep.ts")).toBe(text);
  });

  it("moderately deep nesting still parses and classifies", async () => {
    const n = 300;
    const text = `export const MODELS = ${"[".repeat(n)}"deepseek-chat"${"]".repeat(n)};\n`;
    const out = await scan(text);
    expect(out.parseError).toBeUndefined();
    expect(out.sites[0]!.kind).toBe("collection");
  });

  it("files over the parse cap are not parsed", async () => {
    const text = `export const model = "deepseek-chat";\n// ${"x".repeat(MAX_PARSE_CHARS)}\n`;
    const out = await scan(text);
    expect(out.parseError).toMatch(/not parsed/);
  });

  it("a .js file with Flow-style annotations still parses (the compiler reads types in JS syntactically)", async () => {
    const out = await scan(`// @flow\nfunction model(x: number): string { return "deepseek-chat"; }\n`, "flow.js");
    expect(out.parseError).toBeUndefined();
    expect(out.sites[0]!.kind).toBe("model");
  });
});

describe("typescript adapter: classification details", () => {
  it("tells comments (line, block, JSDoc, trailing, JSX) from code", async () => {
    const text = [
      `/** Uses deepseek-chat by default. */`,
      `export const a = 1; // was deepseek-reasoner`,
      `export const b = [1, /* deepseek-chat */ 2];`,
      `export const c = <div>{/* deepseek-chat */}</div>;`,
      `export function f(/* deepseek-reasoner */) {}`,
      `// deepseek-chat at the end`,
    ].join("\n");
    const out = await scan(text, "c.tsx");
    expect(out.parseError).toBeUndefined();
    expect(out.sites.map((s) => s.kind)).toEqual(["comment", "comment", "comment", "comment", "comment", "comment"]);
  });

  it("classifies every match of the file, one site per match, keyed by idStart", async () => {
    const text = `const x = { model: "deepseek-chat", alt: "deepseek/deepseek-reasoner" };\nif (x.model === "deepseek-chat") {}\n`;
    const matches = findMatches(text, ruleset);
    const out = await adapter.scan({ path: "a.ts", text, matches, ruleset });
    expect(out.sites.map((s) => s.idStart)).toEqual(matches.map((m) => m.idStart));
    expect(out.sites.map((s) => s.kind)).toEqual(["model", "other", "comparison"]);
  });

  it("a model property of an object that is not a request gets no flags (thinking manual)", async () => {
    const out = await scan(`const llm = new ChatDeepSeek({ model: "deepseek-reasoner", temperature: 0 });\n`);
    expect(out.sites[0]).toMatchObject({ kind: "model" });
    expect(out.sites[0]!.flags).toBeUndefined();
  });

  it("a let binding used as a model is renamed but gets no flow flags (it may be reassigned)", async () => {
    const out = await scan(`let model = "deepseek-chat";\nclient.chat.completions.create({ model, messages });\n`);
    expect(out.sites[0]).toMatchObject({ kind: "model" });
    expect(out.sites[0]!.flags).toBeUndefined();
  });
});

describe("typescript adapter: flags are rendered from the rules' data", () => {
  const custom: Rule[] = [
    { legacyId: "deepseek-chat", target: "deepseek-v4-pro", flags: { thinking: { type: "enabled" }, reasoning_effort: "max", "x-tier": [1, true, null] } },
  ];

  it("renders any JSON flags; TypeScript puts what the openai types do not accept in one spread", async () => {
    const src = `import OpenAI from "openai";\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({\n  model: "deepseek-chat",\n  messages: [],\n});\n`;
    const { result, read } = await migrate({ "a.ts": src }, { rules: custom });
    expect(result.findings[0]).toMatchObject({ fix: "safe", thinking: "added", replacement: "deepseek-v4-pro" });
    expect(read("a.ts")).toBe(
      `import OpenAI from "openai";\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({\n  model: "deepseek-v4-pro",\n  messages: [],\n` +
        `  ...{ thinking: { type: "enabled" }, reasoning_effort: "max", "x-tier": [1, true, null] },\n});\n`,
    );
  });

  it("JavaScript gets plain properties", async () => {
    const src = `export const r = c.chat.completions.create({ model: 'deepseek-chat', messages: [] });\n`;
    const { read } = await migrate({ "a.mjs": src }, { rules: custom });
    expect(read("a.mjs")).toBe(
      `export const r = c.chat.completions.create({ model: 'deepseek-v4-pro', messages: [], thinking: { type: 'enabled' }, reasoning_effort: 'max', 'x-tier': [1, true, null] });\n`,
    );
  });

  it("a rule without flags adds nothing and says not-applicable", async () => {
    const src = `export const r = c.chat.completions.create({ model: "deepseek-chat", messages: [] });\n`;
    const { result, read } = await migrate({ "a.js": src }, { rules: [{ legacyId: "deepseek-chat", target: "deepseek-v4-flash", flags: {} }] });
    expect(result.findings[0]).toMatchObject({ fix: "safe", thinking: "not-applicable" });
    expect(read("a.js")).toBe(src.replace("deepseek-chat", "deepseek-v4-flash"));
  });

  it("one constant feeding several requests adds the flags to each, in one fix", async () => {
    const src = [
      `const M = "deepseek-chat";`,
      `a.chat.completions.create({ model: M, messages });`,
      `b.chat.completions.create({ model: M, messages, thinking: { type: "disabled" } });`,
      `c.completions.create({ model: M, prompt });`,
      ``,
    ].join("\n");
    const { result, read } = await migrate({ "m.js": src });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ fix: "safe", thinking: "added" });
    expect(read("m.js")).toBe(
      [
        `const M = "deepseek-v4-flash";`,
        `a.chat.completions.create({ model: M, messages, thinking: { type: "disabled" } });`,
        `b.chat.completions.create({ model: M, messages, thinking: { type: "disabled" } });`,
        `c.completions.create({ model: M, prompt, thinking: { type: "disabled" } });`,
        ``,
      ].join("\n"),
    );
  });
});

describe("typescript adapter: loading", () => {
  it("never imports the compiler at module top level (it loads on the first TS/JS file)", () => {
    const dir = path.join(ROOT, "src/languages/typescript");
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(3);
    expect(files.some((f) => f.includes(path.sep))).toBe(true);
    for (const f of files) {
      const src = fs.readFileSync(path.join(dir, f), "utf8");
      expect(src, f).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+["'](?:ts-morph|typescript)["']/m);
    }
  });
});
