/**
 * A TypeScript record's model value and an object keyed by the same ID in another module (docs/groups.md):
 * a Convex mutation seeds an agent `{ name: "Sassy Sal", model: "deepseek-chat" }`, and the dashboard shows
 * `AVAILABLE_MODELS[agent.model].displayName`. No module imports both; renaming the seed alone makes the
 * lookup miss (the page throws on `undefined.displayName`), so the value is judged with the table's keys
 * (here a keep-both entry: unsafe, renamed together under --unsafe-fixes).
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const MODELS_TS = `export const AVAILABLE_MODELS = {\n  "gpt-4o-mini": { displayName: "GPT-4o Mini" },\n  "deepseek-chat": { displayName: "DeepSeek Chat V3" },\n} as const;\n`;
const SEED_TS = `import { mutation } from "./_generated/server";\n\nexport const seed = mutation(async (ctx) => {\n  await ctx.db.insert("agents", { name: "Sassy Sal", model: "deepseek-chat", prompt: "Be sassy." });\n});\n`;
const REQUEST_TS = `import OpenAI from "openai";\n\nconst client = new OpenAI({ baseURL: "https://api.deepseek.com" });\nexport const ask = (content: string) =>\n  client.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content }] });\n`;

describe.concurrent("a TypeScript record's model value and a table keyed by its ID", () => {
  it("a seeded record's model is renamed only with the table (keep-both, reviewed)", async () => {
    const [f] = await findingsOf({ "src/llm/available-models.ts": MODELS_TS, "convex/mutations.ts": SEED_TS }, "convex/mutations.ts");
    expect(f!.fix).toBe("unsafe");
    expect(f!.group?.related.map((r) => `${r.file}:${r.line}`)).toContain("src/llm/available-models.ts:3");
  });

  it("control: a request's model (its flags written) keeps its own class", async () => {
    const [f] = await findingsOf({ "src/llm/available-models.ts": MODELS_TS, "src/llm/deepseek.ts": REQUEST_TS }, "src/llm/deepseek.ts");
    expect(f!.fix).toBe("safe");
  });

  it("control: without such a table the record's value stays a safe rename", async () => {
    const [f] = await findingsOf({ "convex/mutations.ts": SEED_TS }, "convex/mutations.ts");
    expect(f!.fix).toBe("safe");
  });

  it("control: a table in a test file ties nothing", async () => {
    const [f] = await findingsOf({ "test/available-models.test.ts": MODELS_TS, "convex/mutations.ts": SEED_TS }, "convex/mutations.ts");
    expect(f!.fix).toBe("safe");
  });
});
