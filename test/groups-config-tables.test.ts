/**
 * A configuration file's model value and a table keyed by the same ID in code (docs/groups.md): a
 * YAML component sets `model_name: deepseek-chat`, the class that loads it returns
 * `CONTEXT_WINDOWS.get(self.model_name, 4096)`. Nothing imports the YAML file, yet renaming its value
 * alone makes the lookup fall back to 4096 tokens; the value is judged with the table's keys.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const LLM_PY = `CONTEXT_WINDOWS = {\n    "deepseek-chat": 64000,\n    "deepseek-reasoner": 64000,\n}\n\n\nclass DeepSeekComponent:\n    def __init__(self, model_name: str):\n        self.model_name = model_name\n\n    def max_context_length(self) -> int:\n        return CONTEXT_WINDOWS.get(self.model_name, 4096)\n`;
const YAML = `name: default_deepseek\nmodel_name: deepseek-chat\nmax_tokens: 1000\nmetadata:\n  module: kit.llm.deepseek_component\n`;

describe.concurrent("a configuration value and a table keyed by its ID", () => {
  it("a YAML component's model value is not renamed while code keys a table by the ID", async () => {
    const [f] = await findingsOf({ "kit/llm/deepseek_component.py": LLM_PY, "apps/demo/llm/deepseek.yaml": YAML }, "apps/demo/llm/deepseek.yaml");
    expect(f!.fix).toBe("none");
    expect(f!.group?.related.map((r) => `${r.file}:${r.line}`)).toContain("kit/llm/deepseek_component.py:2");
  });

  it("a JSON setting likewise", async () => {
    const [f] = await findingsOf({ "kit/llm/deepseek_component.py": LLM_PY, "apps/demo/settings.json": '{\n  "llm": { "model_name": "deepseek-chat" }\n}\n' }, "apps/demo/settings.json");
    expect(f!.fix).toBe("none");
  });

  it("control: without such a table the value stays a safe rename", async () => {
    const [f] = await findingsOf({ "kit/llm/client.py": "def ask(client, model):\n    return client.chat.completions.create(model=model, messages=[])\n", "apps/demo/llm/deepseek.yaml": YAML }, "apps/demo/llm/deepseek.yaml");
    expect(f!.fix).toBe("safe");
  });

  it("control: a table in a test file ties nothing", async () => {
    const [f] = await findingsOf({ "tests/test_windows.py": LLM_PY, "apps/demo/llm/deepseek.yaml": YAML }, "apps/demo/llm/deepseek.yaml");
    expect(f!.fix).toBe("safe");
  });
});
