/**
 * A provider's model catalogue written as calls (docs/positions.md, "colliding list entry"): the
 * entries of a list of calls (`supported_models=[ModelMetadata(model="deepseek-chat"), …]`), or
 * module-level declarations of one model-named callee (`deepseek_chat = ModelInfo("deepseek-chat", …)`
 * beside `deepseek_reasoner = ModelInfo("deepseek-reasoner", …)`, both registered in a manager).
 * Renamed together, the catalogue would list deepseek-v4-flash twice, each time described as the old
 * model. Seen in 1Panel-dev/MaxKB and eosphoros-ai/DB-GPT.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const classes = async (files: Record<string, string>, file: string) => (await findingsOf(files, file)).map((f) => `${f.line}:${f.fix}:${f.position}`);

describe.concurrent("model catalogues written as calls", () => {
  it("module-level entries of one model-named callee that the rename makes equal: neither is safe", async () => {
    const src = [
      `from providers.base import ModelInfo, ModelInfoManage`,
      `deepseek_reasoner = ModelInfo("deepseek-reasoner", "", "LLM")`,
      `deepseek_chat = ModelInfo("deepseek-chat", "Good at conversations", "LLM")`,
      `manage = ModelInfoManage.builder().append_model_info(deepseek_reasoner).append_model_info(deepseek_chat).build()`,
      ``,
    ].join("\n");
    expect(await classes({ "provider.py": src }, "provider.py")).toEqual(["2:unsafe:python/colliding-entry", "3:unsafe:python/colliding-entry"]);
  });

  it("one legacy entry beside one that already names the new ID (reported as a retired alias, never renamed)", async () => {
    const src = `MODELS = [\n    ModelMetadata(model="deepseek-v4-flash", description="V4 Flash"),\n    ModelMetadata(model="deepseek-chat", description="V3"),\n]\n`;
    expect(await classes({ "catalog.py": src }, "catalog.py")).toEqual(["2:none:python/keyword-model", "3:unsafe:python/colliding-entry"]);
  });

  it("entries of a list of calls, passed as a keyword", async () => {
    const src = `register(\n    supported_models=[\n        ModelMetadata(model="deepseek-chat", description="DeepSeek-V3"),\n        ModelMetadata(model="deepseek-reasoner", description="DeepSeek-R1"),\n    ],\n)\n`;
    expect(await classes({ "catalog.py": src }, "catalog.py")).toEqual(["3:unsafe:python/colliding-entry", "4:unsafe:python/colliding-entry"]);
  });

  it("controls: one legacy entry per callee, calls the callee of which names no model, and calls inside a function stay safe", async () => {
    const one = `deepseek_chat = ModelInfo("deepseek-chat", "", "LLM")\nqwen = ModelInfo("qwen-max", "", "LLM")\n`;
    expect(await classes({ "one.py": one }, "one.py")).toEqual(["1:safe:python/model-method-argument"]);
    const agents = `planner = Runner(name="planner", model="deepseek-reasoner")\nwriter = Runner(name="writer", model="deepseek-chat")\n`;
    expect((await findingsOf({ "agents.py": agents }, "agents.py")).map((f) => f.fix)).toEqual(["safe", "safe"]);
    const local = `def build():\n    a = ModelConfig(model="deepseek-chat")\n    b = ModelConfig(model="deepseek-reasoner")\n    return a, b\n`;
    expect((await findingsOf({ "local.py": local }, "local.py")).map((f) => f.fix)).toEqual(["safe", "safe"]);
  });
});
