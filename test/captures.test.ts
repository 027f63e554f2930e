/**
 * Recorded captures in every file kind (docs/hosts-and-sdks.md): a serialized response or stream
 * chunk is history (none) in text files, files of unknown kind, strings of lexically scanned code and
 * cassette requests; prose and code that merely call the API are not captures.
 */
import { describe, expect, it } from "vitest";
import { capturedMatches, isRecordedRequestPath } from "../src/languages/config/slots.js";
import { looksLikeSerializedResponse } from "../src/knowledge/responses.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";

const ruleset = makeRuleset(defaultRules("flash"));

describe("the one serialized-response test", () => {
  it("a quoted choices key or object type; not a call of chat.completions in code or prose", () => {
    expect(looksLikeSerializedResponse(`{"choices": []}`)).toBe(true);
    expect(looksLikeSerializedResponse(`{\\"object\\":\\"chat.completion\\"}`)).toBe(true);
    expect(looksLikeSerializedResponse(`data: {"object":"chat.completion.chunk"}`)).toBe(true);
    expect(looksLikeSerializedResponse(`r = client.chat.completions.create(model="deepseek-chat")`)).toBe(false);
    expect(looksLikeSerializedResponse(`print(r.choices[0])`)).toBe(false);
    expect(looksLikeSerializedResponse(`Fixed chat.completion handling for deepseek-chat`)).toBe(false);
  });
});

describe("captures in text", () => {
  const at = (text: string, needle: string) => {
    const m = findMatches(text, ruleset).find((x) => x.start === text.indexOf(needle));
    expect(m, needle).toBeDefined();
    return capturedMatches(text, [m!]).has(m!.idStart);
  };
  it("an SSE line, a JSON block under a prose line, a snapshot entry; prose stays prose", () => {
    const log = [
      `We asked deepseek-chat for a haiku.`,
      ``,
      `data: {"object":"chat.completion.chunk","model":"deepseek-chat","choices":[]}`,
      ``,
      `Pretty-printed:`,
      `{`,
      `  "model": "deepseek-reasoner",`,
      `  "choices": []`,
      `}`,
      ``,
      `exports[\`x 1\`] = \``,
      `{`,
      `  "choices": [],`,
      `  "model": "deepseek-coder",`,
      `}`,
      `\`;`,
    ].join("\n");
    expect(at(log, "deepseek-chat for")).toBe(false);
    expect(at(log, `deepseek-chat","choices`)).toBe(true);
    expect(at(log, "deepseek-reasoner")).toBe(true);
    expect(at(log.replace("deepseek-coder", "deepseek-chat"), `deepseek-chat",
}`)).toBe(true);
    // A request body next to prose that mentions choices is not a capture.
    expect(at(`Send {"model": "deepseek-chat"} and read choices from the reply.`, "deepseek-chat")).toBe(false);
  });

  it("stays linear: 20000 matches in a file that also holds a capture", () => {
    const text = "deepseek-chat\n".repeat(20000) + `\ndata: {"object":"chat.completion.chunk","model":"deepseek-chat"}\n`;
    const matches = findMatches(text, ruleset);
    const t0 = performance.now();
    const hits = capturedMatches(text, matches);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(hits.size).toBe(1);
  });

  it("recorded requests in cassettes and HTTP archives", () => {
    expect(isRecordedRequestPath(["interactions", "0", "request", "body"])).toBe(true);
    expect(isRecordedRequestPath(["http_interactions", "0", "request", "body", "string"])).toBe(true);
    expect(isRecordedRequestPath(["log", "entries", "0", "request", "postData", "text"])).toBe(true);
    expect(isRecordedRequestPath(["request", "model"])).toBe(false);
    expect(isRecordedRequestPath(["entries", "0", "model"])).toBe(false);
  });
});
