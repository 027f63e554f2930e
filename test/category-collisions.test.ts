/**
 * A dict of lists that files model IDs under categories (docs/positions.md, "ID filed under two
 * keys"): `{"chat": ["deepseek-chat"], "reasoner": ["deepseek-reasoner"]}` in a test that checks a
 * model-name parser against each sample. Each list alone is a model list, but the rename files
 * deepseek-v4-flash under both keys, and the parser cannot answer both (the test fails).
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const classes = async (files: Record<string, string>, file: string) => (await findingsOf(files, file)).map((f) => `${f.line}:${f.fix}:${f.position}`);

describe.concurrent("a dict of lists that files IDs under categories", () => {
  it("both legacy IDs under two keys: neither is a safe rename", async () => {
    const src = `MODEL_SAMPLES = {\n    "chat": ["deepseek-chat", "deepseek-chat-0324"],\n    "reasoner": ["deepseek-reasoner"],\n}\n`;
    expect(await classes({ "tests/test_names.py": src }, "tests/test_names.py")).toEqual([
      "2:unsafe:python/colliding-category",
      "3:unsafe:python/colliding-category",
    ]);
  });

  it("one legacy ID beside a key that already lists the new ID (reported as a retired alias, never renamed)", async () => {
    const src = `MODEL_TIERS = {\n    "fast": ["deepseek-chat"],\n    "flash": ("deepseek-v4-flash",),\n}\n`;
    expect(await classes({ "app/tiers.py": src }, "app/tiers.py")).toEqual(["2:unsafe:python/colliding-category", "3:none:python/collection-member"]);
  });

  it("control: one legacy ID per dict, or role to model values (no lists), stay safe", async () => {
    const one = `MODEL_TIERS = {\n    "fast": ["deepseek-chat", "gpt-4o-mini"],\n    "smart": ["o3"],\n}\n`;
    expect(await classes({ "app/tiers.py": one }, "app/tiers.py")).toEqual(["2:safe:python/collection-member"]);
    const roles = `MODEL_BY_ROLE = {"fast": "deepseek-chat", "deep": "deepseek-reasoner"}\n`;
    expect((await findingsOf({ "app/roles.py": roles }, "app/roles.py")).map((f) => f.fix)).toEqual(["safe", "safe"]);
  });
});
