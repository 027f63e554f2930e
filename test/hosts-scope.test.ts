/**
 * Hosts scoped to the construct (docs/hosts-and-sdks.md): the nearest enclosing construct that
 * names a provider decides whose ID a match is; the file decides only when none does.
 */
import { describe, expect, it } from "vitest";
import { hostsNamedIn, verdictOf } from "../src/rules/hosts.js";
import { classify } from "../src/rules/classify.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { adapter as python } from "../src/languages/python/adapter.js";
import { adapter as typescript } from "../src/languages/typescript/adapter.js";
import { lexicalAdapter } from "../src/languages/lexical/adapter.js";
import type { Adapter, Site } from "../src/core/types.js";

const ruleset = makeRuleset(defaultRules("flash"));

describe("which providers a piece of code names", () => {
  it("DeepSeek by its URL, names and provider string; a model ID is not a mention; other hosts by provider name too", () => {
    expect(hostsNamedIn(`case "groq":`).other).toBe("Groq");
    expect(hostsNamedIn(`{ azure: { model } }`).other).toBe("Azure");
    expect(hostsNamedIn(`groq_key = 1`).other).toBeUndefined();
    for (const t of [`base_url="https://api.deepseek.com"`, `DEEPSEEK_MODEL = x`, `ChatDeepSeek(model=x)`, `provider == "deepseek"`, `{ deepseek: { model } }`, `from "@ai-sdk/deepseek"`])
      expect(hostsNamedIn(t).deepseek, t).toBe(true);
    for (const t of [`"deepseek-chat"`, `"deepseek/deepseek-chat"`, `"deepseek:deepseek-reasoner"`, `"deepseek-ai/DeepSeek-V3"`, `model = x`])
      expect(hostsNamedIn(t).deepseek, t).toBe(false);
    expect(hostsNamedIn(`OpenAI(base_url="https://openrouter.ai/api/v1")`)).toEqual({ deepseek: false, other: "OpenRouter" });
    expect(hostsNamedIn(`if p == "deepseek" or p == "openrouter"`)).toEqual({ deepseek: true, deepseekApi: true, other: "OpenRouter" });
  });

  it("a verdict: DeepSeek only → null, another host → that host, both → ambiguous, none → undefined", () => {
    expect(verdictOf({ deepseek: true, deepseekApi: true }, "this call")).toBeNull();
    // Named only by a name that contains "deepseek": DeepSeek's, but weakly (see classify below).
    expect(verdictOf({ deepseek: true }, "this call")).toEqual({ host: null, byName: true, construct: "this call" });
    expect(hostsNamedIn(`DEEPSEEK_MODEL = x`)).toEqual({ deepseek: true });
    expect(hostsNamedIn(`base_url="https://api.deepseek.com"`)).toEqual({ deepseek: true, deepseekApi: true });
    expect(verdictOf({ deepseek: false, other: "Azure" }, "this call")).toEqual({ host: "Azure", alsoDeepSeek: false, construct: "this call" });
    expect(verdictOf({ deepseek: true, other: "Azure" }, "this call")).toMatchObject({ alsoDeepSeek: true });
    expect(verdictOf({ deepseek: false }, "this call")).toBeUndefined();
  });
});

async function sites(a: Adapter, path: string, text: string): Promise<Site[]> {
  const matches = findMatches(text, ruleset);
  return (await a.scan({ path, text, matches, ruleset })).sites;
}

describe("adapters put the scoped host on the site", () => {
  it("Python: client bound to another host's URL, a branch, a dict entry, and nothing around", async () => {
    const text = [
      `router = OpenAI(base_url="https://openrouter.ai/api/v1")`,
      `ds = OpenAI(base_url="https://api.deepseek.com")`,
      `a = router.chat.completions.create(model="deepseek-chat", messages=[])`,
      `b = ds.chat.completions.create(model="deepseek-chat", messages=[])`,
      `if provider == "deepseek":`,
      `    model = "deepseek-chat"`,
      `CONF = {"siliconflow": {"model": "deepseek-chat"}}`,
      `OTHER_MODEL = "deepseek-chat"`,
      ``,
    ].join("\n");
    const s = await sites(python, "x.py", text);
    expect(s.map((x) => x.otherHost)).toEqual(["OpenRouter", null, null, "SiliconFlow", undefined]);
    expect(s[0]!.hostScope).toEqual({ construct: "this call" });
    // A provider name as a key names that host inside the construct.
    expect(s[3]!.hostScope?.construct).toBe('the entry "siliconflow"');
  });

  it("a file that names no other host is not scoped at all", async () => {
    const s = await sites(python, "x.py", `MODEL = "deepseek-chat"\nclient = OpenAI(base_url="https://api.deepseek.com")\n`);
    expect(s[0]!.otherHost).toBeUndefined();
  });

  it("TypeScript: the receiver's client, a switch case, an object entry", async () => {
    const text = [
      `const router = new OpenAI({ baseURL: "https://openrouter.ai/api/v1" });`,
      `const ds = new OpenAI({ baseURL: "https://api.deepseek.com" });`,
      `router.chat.completions.create({ model: "deepseek-chat", messages: [] });`,
      `ds.chat.completions.create({ model: "deepseek-chat", messages: [] });`,
      `switch (p) { case "deepseek": m = "deepseek-chat"; break; case "groq": m = "deepseek-chat"; }`,
      `const X = { azure: { model: "deepseek-chat" } };`,
      `export const Y_MODEL = "deepseek-chat";`,
      ``,
    ].join("\n");
    const s = await sites(typescript, "x.ts", text);
    expect(s.map((x) => x.otherHost)).toEqual(["OpenRouter", null, null, "Groq", "Azure", undefined]);
    expect(s[3]!.hostScope?.construct).toBe("this case");
  });
});

describe("lexically scanned languages: the line, case labels, brackets", () => {
  it("Go: a DeepSeek-named line, a case label, a nested switch's label does not count, a function body", async () => {
    const text = [
      `const base = "https://openrouter.ai/api/v1"`,
      `const DeepSeekModel = "deepseek-chat"`,
      `func g(p string) string {`,
      `	switch p {`,
      `	case "deepseek":`,
      `		if ok {`,
      `			return "deepseek-chat"`,
      `		}`,
      `	case "groq":`,
      `		return "deepseek-chat"`,
      `	}`,
      `	return ""`,
      `}`,
      `func f(p string) Request {`,
      `	switch p {`,
      `	case "groq":`,
      `		x = 1`,
      `	}`,
      `	return Request{Model: "deepseek-chat"}`,
      `}`,
      `var Plain = "deepseek-chat"`,
      ``,
    ].join("\n");
    const s = await sites(lexicalAdapter("go"), "x.go", text);
    expect(s.map((x) => x.otherHost)).toEqual([null, null, "Groq", "Groq", undefined]);
    // DeepSeekModel names DeepSeek only by a name (byName); the case label by the provider string.
    expect(s.map((x) => x.hostScope?.construct)).toEqual(["this line", undefined, "this case", "this block", undefined]);
    expect(s[0]!.hostScope?.byName).toBe(true);
  });
});

describe("classify prefers the site's host over the file's", () => {
  const text = `A = "deepseek-chat"\nB = "deepseek-chat"\nC = "deepseek-chat"\n`;
  const matches = findMatches(text, ruleset);
  const base = { path: "x.py", text, matches, ruleset, otherHost: "OpenRouter", severity: "warning" as const, retirement: "was retired" };
  it("null → DeepSeek's (safe stays safe); a host → unsafe with the construct in the advice; absent → the file's host", () => {
    const sitesIn: Site[] = [
      { idStart: matches[0]!.idStart, kind: "model", otherHost: null },
      { idStart: matches[1]!.idStart, kind: "model", otherHost: "Azure", hostScope: { construct: "this call", alsoDeepSeek: true } },
      { idStart: matches[2]!.idStart, kind: "model" },
    ];
    const f = classify({ ...base, sites: sitesIn });
    expect(f.map((x) => x.fix)).toEqual(["safe", "unsafe", "unsafe"]);
    expect(f[1]!.advice).toMatch(/^This call names both DeepSeek and Azure/);
    expect(f[2]!.advice).toMatch(/^This file points a client at OpenRouter/);
  });

  it("a deepseek/ prefix (how routers spell DeepSeek's models) needs more than a name containing deepseek", () => {
    const t = `A_MODEL = "deepseek/deepseek-chat"\nB_MODEL = "deepseek/deepseek-chat"\nC_MODEL = "deepseek-chat"\n`;
    const ms = findMatches(t, ruleset);
    const f = classify({
      ...base,
      text: t,
      matches: ms,
      sites: [
        { idStart: ms[0]!.idStart, kind: "model", otherHost: null, hostScope: { construct: "this assignment", byName: true } },
        { idStart: ms[1]!.idStart, kind: "model", otherHost: null },
        { idStart: ms[2]!.idStart, kind: "model", otherHost: null, hostScope: { construct: "this assignment", byName: true } },
      ],
    });
    expect(f.map((x) => x.fix)).toEqual(["unsafe", "safe", "safe"]);
  });
});
