/**
 * Recorded captures in every file kind (docs/hosts-and-sdks.md): a serialized response or stream
 * chunk is history (none) in text files, files of unknown kind, strings of lexically scanned code and
 * cassette requests; prose and code that merely call the API are not captures.
 */
import { describe, expect, it } from "vitest";
import { inRecordedCapture, isRecordedRequestPath, looksLikeSerializedResponse } from "../src/languages/config-slots.js";

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
  const at = (text: string, needle: string) => inRecordedCapture(text, text.indexOf(needle));
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
    expect(at(log, "deepseek-coder")).toBe(true);
    // A request body next to prose that mentions choices is not a capture.
    expect(at(`Send {"model": "deepseek-chat"} and read choices from the reply.`, "deepseek-chat")).toBe(false);
  });

  it("recorded requests in cassettes and HTTP archives", () => {
    expect(isRecordedRequestPath(["interactions", "0", "request", "body"])).toBe(true);
    expect(isRecordedRequestPath(["http_interactions", "0", "request", "body", "string"])).toBe(true);
    expect(isRecordedRequestPath(["log", "entries", "0", "request", "postData", "text"])).toBe(true);
    expect(isRecordedRequestPath(["request", "model"])).toBe(false);
    expect(isRecordedRequestPath(["entries", "0", "model"])).toBe(false);
  });
});
