/**
 * A configuration value and a table keyed by a name built from its ID (docs/groups.md): an example
 * config sets `model: "deepseek-chat"` with `provider: "deepseek"`, and the library looks its metadata
 * up as `METADATA.get(f"{provider}-{model}")` in a JSON catalogue keyed `"deepseek-deepseek-chat"`.
 * That key is no match of the ID, so no group holds it; renamed alone, the value loses its price and
 * context window silently. The rename is unsafe, and its advice names the catalogue.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";
import { derivedKeys } from "../src/rules/derived-keys.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultRules } from "../src/rules/defaults.js";

const CONFIG = `llm:\n  provider: "deepseek"\n  max_tokens: 8192\n  model: "deepseek-chat"\n`;
const METADATA = `{\n    "openai-gpt-4o": {"max_tokens": 16384, "context_window": 128000},\n    "deepseek-deepseek-chat": {"max_tokens": 8192, "context_window": 131072}\n}\n`;
const LOADER = `import json\n\nMETADATA = json.load(open("aicore/models_metadata.json"))\n\n\ndef metadata(provider, model):\n    return METADATA.get(f"{provider}-{model}")\n`;

describe.concurrent("a configuration value and a table keyed by a name built from its ID", () => {
  it("the config value is unsafe, and its advice names the catalogue's key", async () => {
    const [f] = await findingsOf({ "config/config_example.yml": CONFIG, "aicore/models_metadata.json": METADATA, "aicore/config.py": LOADER }, "config/config_example.yml");
    expect(f!.fix).toBe("unsafe");
    expect(f!.advice).toContain("`aicore/models_metadata.json` keys a table by `deepseek-deepseek-chat`");
  });

  it("a module's configuration constant likewise", async () => {
    const [f] = await findingsOf({ "app/settings.py": `LLM_MODEL = "deepseek-chat"\n`, "aicore/models_metadata.json": METADATA }, "app/settings.py");
    expect(f!.fix).toBe("unsafe");
  });

  it("control: a catalogue keyed by other names leaves the value a safe rename", async () => {
    const other = METADATA.replace("deepseek-deepseek-chat", "deepseek-deepseek-coder");
    const [f] = await findingsOf({ "config/config_example.yml": CONFIG, "aicore/models_metadata.json": other }, "config/config_example.yml");
    expect(f!.fix).toBe("safe");
  });

  it("control: the same key in documentation or a test ties nothing", async () => {
    const doc = '```python\nmodel_data = METADATA["deepseek-deepseek-chat"]\n```\n\n```json\n{"deepseek-deepseek-chat": {}}\n```\n';
    const [f] = await findingsOf({ "config/config_example.yml": CONFIG, "docs/metadata.md": doc, "tests/test_meta.py": 'CASES = {"deepseek-deepseek-chat": 1}\n' }, "config/config_example.yml");
    expect(f!.fix).toBe("safe");
  });

  it("finds quoted keys and YAML keys, not values, longer names or whole IDs", () => {
    const rules = makeRuleset(defaultRules());
    expect(derivedKeys(`{"deepseek-deepseek-chat": 1}`, rules)).toEqual(["deepseek-deepseek-chat"]);
    expect(derivedKeys(`X = {'deepseek_deepseek-reasoner' : 2}`, rules)).toEqual(["deepseek_deepseek-reasoner"]);
    expect(derivedKeys(`models:\n  openrouter-deepseek-chat:\n    id: x\n`, rules)).toEqual(["openrouter-deepseek-chat"]);
    expect(derivedKeys(`{"model": "deepseek-deepseek-chat"}`, rules)).toEqual([]);
    expect(derivedKeys(`{"deepseek-deepseek-chat-v3": 1, "deepseek-chat": 2}`, rules)).toEqual([]);
    expect(derivedKeys(`name: my-deepseek-chat: x`, rules)).toEqual([]);
  });
});
