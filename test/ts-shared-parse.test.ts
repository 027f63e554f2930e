/**
 * One parse per linted TypeScript/JavaScript file: the adapter told `linted` hands its tree to the
 * request lints (src/core/scan-file.ts), its skeleton (keeping the bodies that hold what the lints
 * collect) or the whole text's; on a skeleton, the lints parse the whole text only when they find
 * something (it stands only if the whole text parses) or when a request reads a name a blanked body
 * may bind. The lints walk only the nodes that hold the words they look for. Compared with the
 * paths they replace, on the fixtures, the project's own sources and generated files: the adapter's
 * output with and without `linted`, and the lints with the adapter's tree, with their own parse, and
 * with the reference walk over every node of the whole text (lintWalkHooks.full).
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadAdapter } from "../src/languages/registry.js";
import { lintTypeScript, lintWalkHooks } from "../src/languages/typescript/lints.js";
import { DEFAULT_MAX_TOKENS_FLOOR } from "../src/rules/lint-options.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { FIXTURES, listFiles } from "./helpers/fixtures.js";

const ruleset = makeRuleset(defaultRules("flash"));
const options = { maxTokensFloor: DEFAULT_MAX_TOKENS_FLOOR };

afterEach(() => {
  lintWalkHooks.full = false;
});

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

interface Outcome {
  shared: boolean;
  skeleton: boolean;
  sites: number;
  lints: number;
  codes: string;
  parseError: boolean;
}

/** Both paths of the adapter and three of the lints on one file; what the shared path did. */
async function compare(file: string, text: string): Promise<Outcome> {
  const adapter = await loadAdapter("typescript");
  const matches = findMatches(text, ruleset);
  const input = (linted: boolean) => ({ path: file, text, matches: matches.map((m) => ({ ...m })), ruleset, ...(linted ? { linted } : {}) });
  const alone = await adapter.scan(input(false));
  const { tree, ...shared } = await adapter.scan(input(true));
  expect(json(shared), file).toEqual(json(alone));
  expect(alone.tree, file).toBeUndefined();

  lintWalkHooks.full = true;
  const reference = json(await lintTypeScript({ path: file, text, options })) as unknown[];
  lintWalkHooks.full = false;
  expect(json(await lintTypeScript({ path: file, text, options })), file).toEqual(reference);
  expect(json(await lintTypeScript({ path: file, text, options, tree })), file).toEqual(reference);
  return { shared: tree !== undefined, skeleton: (tree as { blanked?: unknown } | undefined)?.blanked !== undefined, sites: alone.sites.length, lints: reference.length, codes: (reference as Array<{ code: string }>).map((l) => l.code).join(" "), parseError: alone.parseError !== undefined };
}

// Not pointed at DeepSeek's API: only a request whose model resolves to a V4 ID is linted.
const CLIENT = `import OpenAI from "openai";\nconst client = new OpenAI();\nconst legacy = "deepseek-chat";\n`;
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `export function f${i}(x: number): number {\n  const y = x * ${i};\n  return y + 1;\n}\n`).join("");

/** Files that exercise the pruned walks: bindings in bodies, escapes, nested calls, broken bodies. */
const GENERATED: Array<[string, string]> = [
  ["binding-in-body.ts", `${CLIENT}function pick() { const M = "deepseek-v4-pro"; return M; }\n${filler(3)}export const a = (messages: any[]) => client.chat.completions.create({ model: M, messages, temperature: 0.2 });\n`],
  [
    "binding-twice.ts",
    `${CLIENT}const M = "deepseek-v4-pro";\nfunction other() { const M = "deepseek-v4-flash"; return M; }\n${filler(2)}export const a = (messages: any[]) => client.chat.completions.create({ model: M, messages, max_tokens: 100 });\n`,
  ],
  ["binding-env.mjs", `${CLIENT}const FAST = process.env.FAST ?? "deepseek-v4-flash";\n${filler(2)}export async function a(messages) {\n  return client.chat.completions.create({ model: FAST, messages, top_p: 0.9 });\n}\n`],
  ["shorthand.ts", `${CLIENT}${filler(2)}export function a(messages: any[]) {\n  const model = "deepseek-v4-flash";\n  return client.chat.completions.create({ model, messages, reasoning_effort: "medium" });\n}\n`],
  ["escaped-binding.ts", `${CLIENT}function pick() { const \\u004D = "deepseek-v4-pro"; return M; }\nexport const a = (messages: any[]) => client.chat.completions.create({ model: M, messages, temperature: 1 });\n`],
  ["escaped-call.js", `${CLIENT}${filler(2)}export const a = (messages) => client.chat.complet\\u0069ons.create({ model: "deepseek-v4-flash", messages, temperature: 1 });\n`],
  ["element-access.ts", `${CLIENT}${filler(2)}export const a = (messages: any[]) => client.chat["completions"].create({ model: "deepseek-v4-flash", messages, presence_penalty: 1 });\n`],
  [
    "tool-loop.ts",
    `${CLIENT}${filler(2)}export async function loop(messages: any[]) {\n  for (;;) {\n    const r = await client.chat.completions.create({ model: "deepseek-v4-flash", messages, tools: [] });\n    const m = r.choices[0].message;\n    history.push({ role: "assistant", content: m.content, tool_calls: m.tool_calls });\n    function inner() { messages.push({ role: "assistant", tool_calls: [] }); }\n  }\n}\nconst history: any[] = [];\n`,
  ],
  [
    "raw-body.mjs",
    `const URL = "https://api.deepseek.com/chat/completions";\nconst legacy = "deepseek-chat";\n${filler(2)}export async function a(messages) {\n  const body = { model: "deepseek-v4-pro", messages, reasoning_effort: "max", thinking: { type: "disabled" } };\n  return fetch(URL, { method: "POST", body: JSON.stringify(body) });\n}\n`,
  ],
  ["ai-sdk.ts", `import { deepseek } from "@ai-sdk/deepseek";\nimport { generateText } from "ai";\nconst legacy = "deepseek-chat";\n${filler(2)}export function a(prompt: string) {\n  return generateText({ model: deepseek("deepseek-v4-pro"), prompt, temperature: 0.7 });\n}\n`],
  // Found only if the skeleton keeps the body: a request without a model key in a DeepSeek file,
  // an assistant message pushed in a function of its own.
  [
    "request-without-model.ts",
    `import OpenAI from "openai";\nconst client = new OpenAI({ baseURL: "https://api.deepseek.com" });\nconst legacy = "deepseek-chat";\n${filler(2)}export function a(messages: any[]) {\n  return client.chat.completions.create({ messages, temperature: 0.3 });\n}\n`,
  ],
  [
    "push-in-body.ts",
    `${CLIENT}${filler(2)}export const ask = (messages: any[]) => client.chat.completions.create({ model: "deepseek-v4-flash", messages, ...{ thinking: { type: "enabled" } } });\nexport function keep(history: any[], m: any) {\n  history.push({ role: "assistant", content: m.content, tool_calls: m.tool_calls });\n}\n`,
  ],
  // A syntax error inside a body the skeleton blanks: the adapter uses the skeleton; the lints find
  // none on it, or find some and then parse the whole text, which does not parse: none either way.
  ["broken-body.ts", `${CLIENT}function broken() { const = ; }\nexport const a = (messages: any[]) => client.chat.completions.create({ model: legacy, messages, temperature: 0.2 });\n`],
  ["broken-body-v4.ts", `${CLIENT}function broken() { const = ; }\nexport const a = (messages: any[]) => client.chat.completions.create({ model: "deepseek-v4-pro", messages, temperature: 0.2 });\n`],
  ["fine-body-v4.ts", `${CLIENT}function fine() { const x = 1; return x; }\nexport const a = (messages: any[]) => client.chat.completions.create({ model: "deepseek-v4-pro", messages, temperature: 0.2 });\n`],
  ["broken-top.ts", `${CLIENT}const = ;\nexport const a = (messages: any[]) => client.chat.completions.create({ model: "deepseek-chat", messages });\n`],
  ["deep.ts", `${CLIENT}export const a = (messages: any[]) => client.chat.completions.create({ model: "deepseek-chat", messages });\nconst d = ${"[".repeat(6000)}${"]".repeat(6000)};\n`],
];

describe("one parse per linted TypeScript file", () => {
  it("every .ts/.js fixture and source file: the same sites and lints on every path", async () => {
    const files = [...listFiles(FIXTURES), ...listFiles(path.join(FIXTURES, "..", "src")), ...listFiles(path.join(FIXTURES, "..", "test"))].filter((f) =>
      /\.[cm]?[jt]sx?$/.test(f),
    );
    const totals = { files: 0, shared: 0, skeleton: 0, sites: 0, lints: 0 };
    for (const f of files) {
      const name = path.basename(f).replace(/(^|\.)input(?=\.|$)/, "") || "file.ts";
      const r = await compare(name, fs.readFileSync(f, "utf8"));
      totals.files++;
      if (r.shared) totals.shared++;
      if (r.skeleton) totals.skeleton++;
      totals.sites += r.sites;
      totals.lints += r.lints;
    }
    // Not vacuous: most files hand their tree on, and there are sites and lints to compare.
    expect(totals.files).toBeGreaterThan(300);
    expect(totals.shared).toBeGreaterThan(totals.files * 0.9);
    expect(totals.skeleton).toBeGreaterThan(totals.files * 0.3);
    expect(totals.sites).toBeGreaterThan(500);
    expect(totals.lints).toBeGreaterThan(30);
  }, 120_000);

  it("generated files: bindings in bodies, escapes, tool loops, raw bodies, broken and deep files", async () => {
    const outcomes: Record<string, Outcome> = {};
    for (const [file, text] of GENERATED) outcomes[file] = await compare(file, text);
    const codes = (f: string) => outcomes[f]!.codes;
    // A binding inside a function body is read; a name bound twice resolves to nothing.
    expect(codes("binding-in-body.ts")).toBe("DSM101 DSM103");
    expect(codes("escaped-binding.ts")).toBe("DSM101 DSM103");
    expect(codes("binding-twice.ts")).toBe("");
    expect(codes("binding-env.mjs")).toBe("DSM101 DSM103");
    expect(codes("shorthand.ts")).toBe("DSM101 DSM106");
    expect(codes("escaped-call.js")).toBe("DSM101 DSM103");
    expect(codes("element-access.ts")).toBe("DSM101 DSM103");
    expect(codes("tool-loop.ts")).toBe("DSM101 DSM104 DSM104");
    expect(codes("raw-body.mjs")).toBe("DSM102");
    expect(codes("ai-sdk.ts")).toBe("DSM101 DSM103");
    expect(outcomes["request-without-model.ts"]).toMatchObject({ skeleton: true, codes: "DSM101 DSM103" });
    expect(outcomes["push-in-body.ts"]).toMatchObject({ skeleton: true, codes: "DSM104" });
    // A body that does not parse: the adapter's skeleton has sites; no lints.
    expect(outcomes["broken-body.ts"]).toMatchObject({ skeleton: true, parseError: false, lints: 0 });
    expect(outcomes["broken-body-v4.ts"]).toMatchObject({ skeleton: true, parseError: false, lints: 0 });
    expect(outcomes["broken-body.ts"]!.sites).toBeGreaterThan(0);
    expect(outcomes["fine-body-v4.ts"]).toMatchObject({ skeleton: true, codes: "DSM101 DSM103" });
    // Read on the skeleton, the binding in a blanked body sends the lints to the whole text.
    expect(outcomes["binding-in-body.ts"]!.skeleton).toBe(true);
    expect(outcomes["broken-top.ts"]).toMatchObject({ shared: false, parseError: true, lints: 0 });
    expect(outcomes["deep.ts"]!.shared).toBe(false);
    for (const f of ["binding-in-body.ts", "tool-loop.ts", "raw-body.mjs", "ai-sdk.ts"]) expect(outcomes[f]!.shared, f).toBe(true);
  }, 60_000);
});
