/**
 * The skeleton parse of TypeScript files (src/languages/typescript/skeleton.ts): which function bodies the
 * scanner blanks, that the blanked text keeps every offset, and that the adapter's results with the
 * skeleton equal those of the whole parse (the reference full walk of walkHooks parses the whole
 * text) on the fixtures and on generated files, with the skeleton really used.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { adapterNameFor, loadAdapter } from "../src/languages/registry.js";
import { blankBodies, blankableBodies } from "../src/languages/typescript/skeleton.js";
import { walkHooks } from "../src/languages/typescript/adapter.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { FIXTURES, listFiles } from "./helpers/fixtures.js";

const ruleset = makeRuleset(defaultRules("flash"));

afterEach(() => {
  walkHooks.full = false;
  walkHooks.skeleton = undefined;
});

/** The texts of the bodies the scanner would blank (nothing is interesting). */
function blanked(text: string, interesting: number[] = []): string[] | undefined {
  return blankableBodies(text, interesting)?.map((b) => text.slice(b.open, b.close + 1));
}

describe("blankableBodies: which `{` opens a function body", () => {
  it("function declarations, expressions, arrows, methods, accessors, constructors, return types", () => {
    const text = [
      "function a(x: number) { return x; }",
      "const b = function () { return 1; };",
      "const c = (x) => { return x; };",
      "const d = async (x): Promise<Map<string, number[]>> => { return x; };",
      "class E extends F { constructor() { super(); } get g(): string { return 'g'; } m<T>(t: T): T[] { return [t]; } }",
      "export async function h(i: I): Promise<number> { return 1; }",
      "const o = { p() { return 1; }, q: () => { return 2; } };",
      "function r(): { a: string } { return { a: '' }; }",
      "function* s() { yield 1; }",
    ].join("\n");
    expect(blanked(text)).toEqual([
      "{ return x; }",
      "{ return 1; }",
      "{ return x; }",
      "{ return x; }",
      "{ super(); }",
      "{ return 'g'; }",
      "{ return [t]; }",
      "{ return 1; }",
      "{ return 1; }",
      "{ return 2; }",
      "{ return { a: '' }; }",
      "{ yield 1; }",
    ]);
  });

  it("never control blocks, class bodies, object literals, type literals or namespaces", () => {
    const text = [
      "if (a) { b(); } else { c(); }",
      "for (const x of y) { z(x); }",
      "while (w) { w--; }",
      "switch (k) { case 1: { break; } }",
      "try { t(); } catch (e) { u(e); } finally { v(); }",
      "class K { field = 1; }",
      "const obj = { a: 1, b: { c: 2 } };",
      "type T = { a: string };",
      "interface I { m(): void }",
      "namespace N { export const n = 1; }",
      "do { d(); } while (d);",
      "label: { break label; }",
      "for await (const x of xs) { use(x); }",
    ].join("\n");
    expect(blanked(text)).toEqual([]);
  });

  it("braces inside strings, templates, comments and regular expressions do not count", () => {
    const text = [
      'function a() { const s = "}{"; const t = \'{\'; return s + t; }',
      "function b() { return `${ { x: 1 }.x } }`; }",
      "function c() { // }\n  return 1; /* } */ }",
      "function d(s: string) { return /[}{]\\/}/g.test(s) ? s.split(/}/) : 2 / 3; }",
      "function e() { return `a${`b${'}'}`}c`; }",
    ].join("\n");
    expect(blanked(text)).toEqual([
      '{ const s = "}{"; const t = \'{\'; return s + t; }',
      "{ return `${ { x: 1 }.x } }`; }",
      "{ // }\n  return 1; /* } */ }",
      "{ return /[}{]\\/}/g.test(s) ? s.split(/}/) : 2 / 3; }",
      "{ return `a${`b${'}'}`}c`; }",
    ]);
  });

  it("a body holding an interesting offset stays; an inner one without may go; the outermost wins", () => {
    const text = "function outer() {\n  const m = 1;\n  function inner() { return 2; }\n  return m;\n}\n";
    expect(blanked(text, [text.indexOf("m = 1")])).toEqual(["{ return 2; }"]);
    expect(blanked(text, [])).toEqual([text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)]);
  });

  it("gives up (undefined) on what it does not understand", () => {
    for (const text of ['function a() { return "x; }', "function a() { return `x; }", "function a() { return 1; ", "f(a]", "function a() { /* }", "const r = /abc\n/;"]) {
      expect(blankableBodies(text, []), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("blankBodies keeps every offset and line break, and only the bodies' insides change", () => {
    const text = "function a() {\r\n  return 'x';\n}\nconst b = () => { return 2; };\n";
    const bodies = blankableBodies(text, [])!;
    const out = blankBodies(text, bodies);
    expect(out.length).toBe(text.length);
    expect(out).toBe("function a() {\r\n             \n}\nconst b = () => {           };\n");
  });
});

/** The adapter's output with the skeleton (and the outcome), and with the whole parse (the reference). */
async function bothWays(file: string, text: string): Promise<{ skeleton: unknown; whole: unknown; outcome: string } | undefined> {
  const matches = findMatches(text, ruleset);
  if (matches.length === 0) return undefined;
  const adapter = await loadAdapter(adapterNameFor(file));
  const input = () => ({ path: file, text, matches: matches.map((m) => ({ ...m })), ruleset });
  walkHooks.full = true;
  const whole = JSON.parse(JSON.stringify(await adapter.scan(input())));
  walkHooks.full = false;
  let outcome = "not parsed";
  walkHooks.skeleton = (o) => (outcome = o);
  const skeleton = JSON.parse(JSON.stringify(await adapter.scan(input())));
  walkHooks.skeleton = undefined;
  return { skeleton, whole, outcome };
}

describe("the adapter with the skeleton = with the whole parse", () => {
  it("every .ts fixture and source file: same sites, and the skeleton is used", async () => {
    const files = [...listFiles(FIXTURES), ...listFiles(path.join(FIXTURES, "..", "src")), ...listFiles(path.join(FIXTURES, "..", "test"))].filter((f) =>
      /\.[cm]?[jt]sx?$/.test(f),
    );
    const outcomes: Record<string, number> = {};
    for (const f of files) {
      const name = path.basename(f).replace(/(^|\.)input(?=\.|$)/, "") || "file.ts";
      const r = await bothWays(name, fs.readFileSync(f, "utf8"));
      if (!r) continue;
      expect(r.skeleton, f).toEqual(r.whole);
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    }
    expect(outcomes.used ?? 0).toBeGreaterThan(10);
    expect(outcomes.fallback ?? 0).toBe(0);
  });

  it("a wrong guess is caught after the parse and the whole text is parsed (same results)", async () => {
    // `setup()` then a block statement on the next line (no semicolon): the scanner takes the block
    // for a body; the tree says otherwise.
    const text = 'declare function setup(): void;\nsetup()\n{ const x = 1; }\nexport const m = { model: "deepseek-chat" };\n';
    expect(blanked(text)).toEqual(["{ const x = 1; }"]);
    const r = (await bothWays("asi.ts", text))!;
    expect(r.outcome).toBe("fallback");
    expect(r.skeleton).toEqual(r.whole);
    // And a skeleton that does not parse: the guessed body hides nothing, but the text after it is broken.
    const broken = 'function f() { return 1; }\nexport const m = { model: "deepseek-chat" ;; };\n';
    const b = (await bothWays("broken.ts", broken))!;
    expect(b.outcome).toBe("fallback");
    expect(b.skeleton).toEqual(b.whole);
    expect((b.whole as { parseError?: string }).parseError).toBeTruthy();
  });

  it("generated files: helpers around requests, flows through consts, membership tests, escapes", async () => {
    const helpers = [
      "export function sum(xs: number[]): number { let t = 0; for (const x of xs) { t += x; } return t; }",
      "export const fmt = (s: string): string => { return s.replace(/[{}]/g, '').trim(); };",
      "class Cache { private m = new Map<string, string>(); get(k: string): string | undefined { return this.m.get(k); } }",
      "function tpl(a: string) { return `x${a}}{` + '}'; }",
      "export async function load(): Promise<{ a: number }> { const r = await fetch('u'); return { a: (await r.json()).a }; }",
    ];
    const uses = [
      'const r = await client.chat.completions.create({ model: "deepseek-chat", messages });',
      'const MODEL = "deepseek-reasoner";\nfunction ask() { return client.chat.completions.create({ model: MODEL, messages: [] }); }',
      'const REASONING = ["deepseek-reasoner", "o1"];\nfunction isR(m: string) { return REASONING.includes(m); }',
      'function pick(x: string) { if (x === "deepseek-chat") { return 1; } return 2; }',
      'const ds = createDeepSeek({});\nconst m = ds("deepseek-chat");',
      'function esc() { const k = "mod\\u0065l"; return { [k]: "deepseek-chat" }; }',
    ];
    const outcomes: Record<string, number> = {};
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 150; i++) {
      const parts: string[] = [];
      for (let k = 0; k < 6; k++) parts.push(rnd(3) === 0 ? uses[rnd(uses.length)]! : helpers[rnd(helpers.length)]!);
      parts.push(uses[rnd(uses.length)]!);
      const text = `import OpenAI from "openai";\nconst client = new OpenAI();\ndeclare const messages: any[];\n${parts.join("\n")}\n`;
      const r = await bothWays(`gen${i}.ts`, text);
      if (!r) continue;
      expect(r.skeleton, text).toEqual(r.whole);
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    }
    expect(outcomes.used ?? 0).toBeGreaterThan(50);
  });
});
