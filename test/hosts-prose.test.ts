/**
 * Whose ID a catalogue entry of another host's adapter is (docs/hosts-and-sdks.md): a description
 * that names DeepSeek in prose ("DeepSeek V3: …") names the model's maker, not the host the ID is
 * sent to, so it does not make the construct DeepSeek's; and a local server's catalogue (Xinference,
 * whose built-in models include one named deepseek-chat) is that server's. Seen in
 * eosphoros-ai/DB-GPT (the AI/ML API adapter's supported models) and 1Panel-dev/MaxKB (the
 * Xinference provider's model list), where --write renamed the other host's ID.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const classes = async (src: string) => (await findingsOf({ "provider.py": src }, "provider.py")).map((f) => `${f.line}:${f.fix}`);

describe.concurrent("another host's catalogue entries", () => {
  const aiml = (entry: string) => `API_BASE = "https://api.aimlapi.com/v1"\n\nSUPPORTED = [\n    ${entry},\n]\n`;

  it("a description naming DeepSeek in prose does not make the entry DeepSeek's: the file's host decides", async () => {
    expect(await classes(aiml(`ModelMetadata(model=["deepseek-chat"], description="DeepSeek V3: efficient LLM")`))).toEqual(["4:unsafe"]);
    // A comment inside the entry is prose too.
    expect(await classes(aiml(`ModelMetadata(  # DeepSeek V3\n        model=["deepseek-chat"])`))).toEqual(["5:unsafe"]);
  });

  it("control: a name containing deepseek outside prose, or DeepSeek's API in a description, still decides", async () => {
    expect(await classes(aiml(`ModelMetadata(model=["deepseek-chat"], client=deepseek_client)`))).toEqual(["4:safe"]);
    expect(await classes(aiml(`ModelMetadata(model=["deepseek-chat"], description="served by https://api.deepseek.com")`))).toEqual(["4:safe"]);
  });

  it("a local Xinference server's model list is that server's", async () => {
    const src = `MODELS = [\n    ModelInfo("deepseek-chat", "", "LLM", xinference_llm_model_credential, XinferenceChatModel),\n]\n`;
    expect(await classes(src)).toEqual(["2:unsafe"]);
    const advice = (await findingsOf({ "provider.py": src }, "provider.py"))[0]!.advice;
    expect(advice).toContain("Xinference");
  });
});
