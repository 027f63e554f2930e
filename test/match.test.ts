import { describe, expect, it } from "vitest";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultRules } from "../src/rules/defaults.js";

const ruleset = makeRuleset(defaultRules());
const ids = (text: string) => findMatches(text, ruleset).map((m) => [m.prefix, m.legacyId, m.thirdParty]);

describe("whole-token matching (docs/contract.md §3)", () => {
  it("matches the IDs as whole tokens", () => {
    expect(ids(`model="deepseek-chat"`)).toEqual([["", "deepseek-chat", false]]);
    expect(ids(`m = 'deepseek-reasoner'`)).toEqual([["", "deepseek-reasoner", false]]);
    expect(ids("deepseek-chat.")).toEqual([["", "deepseek-chat", false]]);
    expect(ids("use deepseek-chat, then deepseek-reasoner")).toHaveLength(2);
  });
  it("rejects longer names and identifiers", () => {
    for (const t of [
      "deepseek-chat-v3-0324",
      "deepseek-chatbot",
      "[deepseek-reasoner-proxy]",
      "deepseek_chat",
      "deepseek-ai/DeepSeek-V3",
      "my-deepseek-chat",
      "Deepseek-chat",
      "DEEPSEEK-CHAT",
      "deepseek-chat.v2",
      "xdeepseek-reasoner",
      "deepseek-reasoner_x",
    ])
      expect(ids(t), t).toEqual([]);
  });
  it("reads provider prefixes", () => {
    expect(ids(`"deepseek/deepseek-chat"`)).toEqual([["deepseek/", "deepseek-chat", false]]);
    expect(ids(`"deepseek:deepseek-reasoner"`)).toEqual([["deepseek:", "deepseek-reasoner", false]]);
    expect(ids(`"openrouter/deepseek/deepseek-chat"`)).toEqual([["openrouter/deepseek/", "deepseek-chat", true]]);
    expect(ids(`"together_ai/deepseek-chat"`)).toEqual([["together_ai/", "deepseek-chat", true]]);
  });
  it("does not read URLs and placeholder keys as prefixes", () => {
    expect(ids("${spring.ai.deepseek.chat.options.model:deepseek-chat}")).toEqual([["", "deepseek-chat", false]]);
    expect(ids("${DEEPSEEK_MODEL:deepseek-reasoner}")).toEqual([["", "deepseek-reasoner", false]]);
    expect(ids("https://api.deepseek.com/deepseek-chat")).toEqual([["", "deepseek-chat", false]]);
  });
  it("reads a relative path's last segment as a path, not a prefix (a module, file or folder named after the ID)", () => {
    const paths = (t: string) => findMatches(t, ruleset).map((m) => [m.prefix, m.legacyId, m.thirdParty, m.path === true]);
    expect(paths(`"./deepseek-chat"`)).toEqual([["", "deepseek-chat", false, true]]);
    expect(paths(`import x from "../presets/deepseek-reasoner/index.js"`)).toEqual([["", "deepseek-reasoner", false, true]]);
    expect(paths(`"./prompts/deepseek-chat/system.md"`)).toEqual([["", "deepseek-chat", false, true]]);
    // Not relative: still a prefix; and a lone "/" before the ID is no path (a display suffix, a route).
    expect(paths(`"/deepseek-chat"`)).toEqual([["", "deepseek-chat", false, false]]);
    expect(paths(`"models/deepseek-chat"`)).toEqual([["models/", "deepseek-chat", true, false]]);
    expect(paths(`"deepseek/deepseek-chat"`)).toEqual([["deepseek/", "deepseek-chat", false, false]]);
    expect(paths(`"v1.5/deepseek-chat"`)).toEqual([["v1.5/", "deepseek-chat", true, false]]);
  });
  it("treats the dash of a shell parameter default as a boundary", () => {
    expect(ids("${DEEPSEEK_MODEL:-deepseek-chat}")).toEqual([["", "deepseek-chat", false]]);
    expect(ids("${MODEL-deepseek-reasoner}")).toEqual([["", "deepseek-reasoner", false]]);
    expect(ids("x:-deepseek-chat")).toEqual([]);
    expect(ids("${-deepseek-chat}")).toEqual([]);
    expect(ids("{MODEL:-deepseek-chat}")).toEqual([]);
  });
  it("reports offsets of the prefix and the ID", () => {
    const [m] = findMatches(`x = "deepseek/deepseek-chat"`, ruleset);
    expect(m).toMatchObject({ start: 5, idStart: 14, end: 27 });
  });
  it("reads a rule's own providers from the rule (deepseek by default)", () => {
    const rs = makeRuleset([{ legacyId: "gpt-4o", target: "gpt-4.1", flags: {}, providers: ["openai"] }]);
    const third = (t: string) => findMatches(t, rs).map((m) => [m.prefix, m.thirdParty]);
    expect(third(`"openai/gpt-4o"`)).toEqual([["openai/", false]]);
    expect(third(`"openrouter/openai/gpt-4o"`)).toEqual([["openrouter/openai/", true]]);
    expect(third(`"deepseek/gpt-4o"`)).toEqual([["deepseek/", true]]);
  });
  it("uses rules as data: other IDs get their own prefilter needles", () => {
    const rs = makeRuleset([{ legacyId: "gpt-4o", target: "gpt-4.1", flags: {} }]);
    expect(rs.needles).toEqual(["gpt-4o"]);
    expect(findMatches(`model: "gpt-4o" and gpt-4o-mini`, rs)).toHaveLength(1);
    expect(makeRuleset(defaultRules()).needles).toEqual(["deepseek"]);
  });
});

describe("other hosts (docs/contract.md §4)", async () => {
  const { detectOtherHost, OTHER_HOSTS } = await import("../src/rules/hosts.js");
  it("names the host a file points at, case rules of each pattern kept", () => {
    expect(detectOtherHost(`base_url="https://openrouter.ai/api/v1"`)).toBe("OpenRouter");
    expect(detectOtherHost(`const c = new AzureOpenAI({})`)).toBe("Azure");
    expect(detectOtherHost(`GROQ_API_KEY=x`)).toBe("Groq");
    expect(detectOtherHost(`groq_api_key=x`)).toBeUndefined();
    expect(detectOtherHost(`base_url="https://api.deepseek.com"`)).toBeUndefined();
    expect(OTHER_HOSTS.length).toBeGreaterThan(10);
  });

  it("the same answers when texts come back to back, in turn or as equal strings built apart", () => {
    const texts = [`base_url="https://openrouter.ai/api/v1"`, `x = 1`, `GROQ_API_KEY=x`, `const c = new AzureOpenAI({})`, ""];
    const expected = ["OpenRouter", undefined, "Groq", "Azure", undefined];
    for (let round = 0; round < 3; round++)
      texts.forEach((t, i) => {
        expect(detectOtherHost(t)).toBe(expected[i]);
        expect(detectOtherHost(t)).toBe(expected[i]);
        expect(detectOtherHost([...t].join(""))).toBe(expected[i]);
      });
  });
});
